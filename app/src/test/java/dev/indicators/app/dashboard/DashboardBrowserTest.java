package dev.indicators.app.dashboard;

import dev.indicators.app.PipelineServer;
import dev.indicators.app.support.Http;
import dev.indicators.app.support.PublishedSampleLoaded;
import dev.indicators.app.support.SharedPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web dashboard in the operating system's headless Chromium, against a running pipeline on the real broker and
 * registry, with the Qingpu 2017 figures loaded: what a person opening the page sees. Each test leaves a screenshot in
 * {@code target/screenshots/}.
 */
@ExtendWith(SharedPipeline.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** Events the live test posts: a county and a year no other test of the run publishes in. */
    private static final String LIVE_REGION = "410212";
    private static final String LIVE_YEAR = "2011";
    /** Events the live test posts one after the other, each measured from ingest to the page. */
    private static final int LIVE_EVENTS = 10;

    private HeadlessChromium chromium;
    private String site;
    private ChromeDriver browser;
    private Http http;

    @BeforeAll
    void openTheBrowserOnAPipelineWithThePublishedFigures(PipelineServer server, Http http) throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        this.http = http;
        site = server.baseUrl();
        PublishedSampleLoaded.into(server, http);
    }

    @AfterEach
    void screenshot(TestInfo test) {
        if (browser != null) {
            System.out.println("screenshot: " + chromium.screenshot(test.getTestMethod().orElseThrow().getName()));
        }
    }

    @AfterAll
    void close() {
        if (chromium != null) chromium.close();
    }

    @Test
    void the_dashboard_loads_with_the_region_tree_in_chinese_and_english_and_no_script_errors() {
        chromium.viewport(1280, 800);
        open("");
        WebElement shanghai = await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tree a[data-code='310000']")));
        assertThat(shanghai.getText()).contains("上海市").contains("Shanghai").contains("310000");
        awaitTiles();
        assertThat(browser.findElements(By.cssSelector(".domain")))
                .extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("人民调解"));
        assertThat(problems()).isEmpty();
        assertThat(errorsIn(chromium.browserLog())).isEmpty();
    }

    @Test
    void searching_and_selecting_qingpu_for_2017_shows_reconsideration_accepted_79_and_puts_the_choice_in_the_address() {
        chromium.viewport(1280, 800);
        open("#/region/000000?period=year:2017&indicator=reconsideration.accepted");
        awaitTiles();
        browser.findElement(By.id("regionSearch")).sendKeys("qingpu");
        await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#searchResults a[data-code='310118']"))).click();

        await().until(d -> tileValue("reconsideration.accepted").equals("79") && "310118".equals(shownRegion()));
        assertThat(browser.getCurrentUrl()).contains("#/region/310118?").contains("period=year:2017")
                .contains("indicator=reconsideration.accepted");
        assertThat(browser.findElement(By.id("regionTitle")).getText()).isEqualTo("青浦区 Qingpu");
        assertThat(tileRatio("mediation.success_rate")).isEqualTo("10,388 / 10,876");
        assertThat(tileValue("mediation.success_rate")).isEqualTo("95.51 %");
        assertThat(browser.findElement(By.cssSelector("#tree a.selected")).getAttribute("data-code")).isEqualTo("310118");
        WebElement self = await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ranking tr.self")));
        assertThat(self.getAttribute("data-code")).isEqualTo("310118");
        assertThat(self.getText()).contains("79");
        assertThat(errorsIn(chromium.browserLog())).isEmpty();
    }

    @Test
    void the_ranking_of_the_shanghai_districts_by_mediation_success_rate_lists_qingpu_with_numerator_and_denominator() {
        chromium.viewport(1280, 800);
        open("#/region/310100?period=year:2017&indicator=mediation.success_rate");
        WebElement qingpu = await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ranking tr[data-code='310118']")));
        assertThat(qingpu.getText()).contains("青浦区 Qingpu").contains("95.51 %").contains("10,388 / 10,876");
        assertThat(browser.findElement(By.id("rankingTitle")).getText()).contains("上海市市辖区").contains("调解成功率");
        assertThat(browser.findElements(By.cssSelector("#rankingChart canvas"))).isNotEmpty();
    }

    @Test
    void an_event_posted_to_ingest_appears_on_the_open_page_without_a_reload_with_the_updated_marker() {
        chromium.viewport(1280, 800);
        String period = "year:" + LIVE_YEAR;
        open("#/region/" + LIVE_REGION + "?period=" + period + "&indicator=mediation.received");
        awaitTiles();
        long before = (long) http.get("/api/v1/totals?region=" + LIVE_REGION + "&indicator=mediation.received&period=" + period)
                .json().path("value").asDouble();
        await().until(d -> tileValue("mediation.received").equals(String.valueOf(before)));
        await().until(d -> browser.findElement(By.id("liveText")).getText().equals("live · server push"));
        browser.executeScript("window.sameDocument = true"); // gone if the page reloads

        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= LIVE_EVENTS; i++) {
            long expected = before + i;
            String caseId = "DASH-LIVE-" + System.nanoTime();
            long posted = System.currentTimeMillis();
            Http.Answer answer = http.post("/api/v1/events", "application/json", """
                    {"eventId":"%s-received","type":"mediation","regionCode":"%s","department":"xiangfu-justice",
                     "occurredAt":"%s-06-%02dT09:00:00+08:00","caseId":"%s","status":"RECEIVED"}"""
                    .formatted(caseId, LIVE_REGION, LIVE_YEAR, i, caseId));
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            await().until(d -> tileValue("mediation.received").equals(String.valueOf(expected)));
            WebElement tile = tile("mediation.received");
            assertThat(tile.getAttribute("class")).contains("updated");
            assertThat(tile.findElement(By.className("badge")).getText()).startsWith("updated ");
            assertThat(browser.findElement(By.id("liveText")).getText()).startsWith("updated ");
            millis.add(Long.parseLong(tile.getAttribute("data-updated-at")) - posted);
        }
        assertThat(browser.executeScript("return window.sameDocument === true")).isEqualTo(true);
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("dashboard: ingest (POST /api/v1/events answered) to the open page showing the new total,"
                        + " %d events: median %d ms, min %d ms, max %d ms, each %s (server-sent events)%n",
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), millis);
        assertThat(errorsIn(chromium.browserLog())).isEmpty();
    }

    @Test
    void qingpu_2017_shows_its_targets_met_with_value_and_threshold_and_the_alerts_of_their_flips() {
        chromium.viewport(1280, 800);
        open("#/region/310118?period=year:2017&indicator=mediation.success_rate");
        awaitTiles();
        WebElement rate = await().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#targets .target[data-indicator='mediation.success_rate']")));
        assertThat(rate.getAttribute("data-status")).isEqualTo("met");
        assertThat(rate.getText()).contains("调解成功率").contains(">= 95.50 %").contains("met (95.51 % · 10,388 / 10,876)");
        WebElement agreements = browser.findElement(By.cssSelector("#targets .target[data-indicator='mediation.agreements']"));
        assertThat(agreements.getAttribute("data-status")).isEqualTo("met");
        assertThat(agreements.getText()).contains(">= 8,762").contains("(8,762)");
        await().until(d -> !d.findElements(By.cssSelector("#targets .alert")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#targets .alert"))).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("⚑ year:2017").contains("→ met"));
        assertThat(browser.findElement(By.cssSelector("#targets a.report-link")).getAttribute("href"))
                .endsWith("/api/v1/regions/310118/report?year=2017");
        assertThat(errorsIn(chromium.browserLog())).isEmpty();
    }

    @Test
    void at_a_phone_width_of_390_px_nothing_scrolls_sideways() {
        chromium.viewport(390, 844);
        open("#/region/310118?period=year:2017&indicator=mediation.success_rate");
        awaitTiles();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ranking tr[data-code='310118']")));
        JavascriptExecutor js = browser;
        assertThat(((Number) js.executeScript("return window.innerWidth")).intValue()).isEqualTo(390);
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertThat(scrollWidth).as("page width at a 390 px viewport").isLessThanOrEqualTo(clientWidth);
        assertThat(tileValue("reconsideration.accepted")).isEqualTo("79");
    }

    // ---- the page, as the tests read it

    private void open(String fragment) {
        browser.get("about:blank");
        browser.get(site + "/" + fragment);
        await().until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(50));
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private void awaitTiles() {
        await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tile[data-indicator='mediation.received']")));
    }

    private WebElement tile(String indicator) {
        return browser.findElement(By.cssSelector(".tile[data-indicator='" + indicator + "']"));
    }

    private String tileValue(String indicator) {
        return tile(indicator).findElement(By.className("value")).getText();
    }

    private String tileRatio(String indicator) {
        return tile(indicator).findElement(By.className("ratio")).getText();
    }

    private String shownRegion() {
        return browser.findElement(By.id("regionMeta")).getText().split(" ")[0];
    }

    private List<String> problems() {
        WebElement banner = browser.findElement(By.id("problem"));
        return banner.isDisplayed() ? List.of(banner.getText()) : List.of();
    }

    /** Script errors and failed requests. */
    private static List<String> errorsIn(List<LogEntry> log) {
        return log.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }
}
