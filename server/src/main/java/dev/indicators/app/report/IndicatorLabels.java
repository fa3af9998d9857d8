package dev.indicators.app.report;

import java.util.Map;

/**
 * The Chinese and English names of the domains and indicators, as the published tables and the dashboard
 * ({@code web/js/labels.js}) use them. An indicator new to this list (another event type's) is shown by its name.
 */
public final class IndicatorLabels {

    private static final Map<String, String> DOMAINS = Map.of(
            "reconsideration", "行政复议 Administrative reconsideration",
            "mediation", "人民调解 People's mediation",
            "certificates", "执法证件 Enforcement certificates");

    private static final Map<String, String> INDICATORS = Map.ofEntries(
            Map.entry("reconsideration.applied", "申请 applied"),
            Map.entry("reconsideration.accepted", "受理 accepted"),
            Map.entry("reconsideration.rejected", "不予受理 rejected"),
            Map.entry("reconsideration.correction_requested", "补正 correction requested"),
            Map.entry("reconsideration.concluded", "审结 concluded"),
            Map.entry("reconsideration.outcome.upheld", "维持 upheld"),
            Map.entry("reconsideration.outcome.dismissed", "驳回 dismissed"),
            Map.entry("reconsideration.outcome.terminated", "终止 terminated"),
            Map.entry("reconsideration.outcome.revoked", "撤销 revoked"),
            Map.entry("reconsideration.outcome.confirmed_illegal", "确认违法 confirmed illegal"),
            Map.entry("reconsideration.outcome.modified", "变更 modified"),
            Map.entry("reconsideration.outcome.ordered_to_perform", "责令履行 ordered to perform"),
            Map.entry("reconsideration.outcome.settled", "调解和解 settled"),
            Map.entry("reconsideration.withdrawn", "撤回 withdrawn"),
            Map.entry("reconsideration.correction_rate", "纠错率 correction rate"),
            Map.entry("mediation.received", "受理纠纷 disputes received"),
            Map.entry("mediation.succeeded", "调解成功 succeeded"),
            Map.entry("mediation.failed", "调解不成 failed"),
            Map.entry("mediation.agreements", "协议 agreements"),
            Map.entry("mediation.withdrawn", "撤回 withdrawn"),
            Map.entry("mediation.success_rate", "调解成功率 success rate"),
            Map.entry("certificates.issued", "发证 issued"),
            Map.entry("certificates.suspended", "暂扣 suspended"),
            Map.entry("certificates.reinstated", "恢复 reinstated"),
            Map.entry("certificates.revoked", "吊销 revoked"),
            Map.entry("certificates.annual_review_passed", "年审合格 annual review passed"),
            Map.entry("certificates.annual_review_failed", "年审不合格 annual review failed"),
            Map.entry("certificates.active", "有效证件 active"),
            Map.entry("certificates.review_failure_rate", "年审不合格率 review failure rate"));

    private IndicatorLabels() {
    }

    public static String domainOf(String indicator) {
        int dot = indicator.indexOf('.');
        return dot < 0 ? indicator : indicator.substring(0, dot);
    }

    public static String domain(String domain) {
        return DOMAINS.getOrDefault(domain, domain);
    }

    public static String indicator(String indicator) {
        return INDICATORS.getOrDefault(indicator, indicator);
    }
}
