// The dashboard: reads the selection from the address, follows the selected region's totals live, and draws the
// indicators, the trend of one indicator and the ranking of the sub-regions.

import { api, readToken } from "./api.js";
import { readRoute, navigate } from "./route.js";
import { chartRange, periodChoices } from "./periods.js";
import { RegionIndex, RegionTree, bindRegionSearch } from "./regions.js";
import { LiveTotals } from "./live.js";
import { domainOf, domainLabel, indicatorLabel, formatValue, formatRatio, isRate, regionLabel } from "./labels.js";
import * as charts from "./charts.js";

const $ = id => document.getElementById(id);
let state = readRoute();
let shown = null;          // the selection currently drawn: { region, period, indicator, granularity }
let index = null;          // RegionIndex
let tree = null;           // RegionTree
let latest = null;         // the last totals answer of the selected region and period

const problems = new Map(); // what is wrong right now, by area, shown in one banner
function problem(area, error) {
  if (error) problems.set(area, error.message || String(error)); else problems.delete(area);
  $("problem").hidden = problems.size === 0;
  $("problem").textContent = [...problems.values()].join(" · ");
}

const live = new LiveTotals({
  intervalMs: 3000,
  fetchTotals: api.totals,
  subscribeUrl: api.subscribeUrl,
  onStatus: ({ ok, error, mode }) => {
    $("live").classList.toggle("ok", ok);
    $("live").classList.toggle("down", !ok);
    if (!$("live").classList.contains("fresh")) $("liveText").textContent = ok ? `live · ${mode}` : "not reachable, retrying";
    problem("totals", ok ? null : error);
  },
  onTotals: (answer, changed) => {
    latest = answer;
    if (!changed.size && $("indicators").dataset.key === tilesKey()) return;
    if (changed.size && $("indicators").dataset.key === tilesKey()) {
      updateTiles(answer, changed);
      markUpdated(changed);
      drawTargets();
      if (changed.has(state.indicator)) { drawTrend(); drawRanking(); }
    } else {
      renderTiles(answer);
      drawRanking();
    }
  },
});

const tilesKey = () => `${state.region}|${state.period}`;

// ---- the "updated" marker: which figures changed and when

let freshTimer;
function markUpdated(changed) {
  const at = new Date();
  const time = at.toLocaleTimeString("en-GB");
  document.querySelectorAll(".tile.updated").forEach(t => t.classList.remove("updated"));
  for (const indicator of changed) {
    const tile = tileOf(indicator);
    if (!tile) continue;
    void tile.offsetWidth; // restart the flash animation
    tile.classList.add("updated");
    tile.dataset.updatedAt = String(at.getTime());
    tile.querySelector(".badge").textContent = `updated ${time}`;
  }
  const marker = $("live");
  marker.classList.add("fresh");
  marker.dataset.updatedAt = String(at.getTime());
  $("liveText").textContent = `updated ${time} · ${changed.size} total${changed.size === 1 ? "" : "s"} changed`;
  clearTimeout(freshTimer);
  freshTimer = setTimeout(() => { marker.classList.remove("fresh"); $("liveText").textContent = `live · ${live.mode} · last change ${time}`; }, 8000);
}

// ---- the indicator tiles, grouped by domain, each with a sparkline

const tileOf = indicator => document.querySelector(`.tile[data-indicator="${CSS.escape(indicator)}"]`);

function renderTiles(answer) {
  const container = $("indicators");
  if (charts.chartsAvailable()) charts.disposeCharts(container);
  const groups = new Map();
  for (const t of answer.totals) {
    const d = domainOf(t.indicator);
    if (!groups.has(d)) groups.set(d, []);
    groups.get(d).push(t);
  }
  const sections = [];
  for (const [domain, totals] of groups) {
    const section = document.createElement("section");
    section.className = "domain";
    section.dataset.domain = domain;
    const h = document.createElement("h4");
    h.textContent = domainLabel(domain);
    const tiles = document.createElement("div");
    tiles.className = "tiles";
    for (const t of totals) tiles.appendChild(tile(t));
    section.append(h, tiles);
    sections.push(section);
  }
  container.replaceChildren(...sections);
  container.dataset.key = tilesKey();
  selectTile();
  answer.totals.forEach(t => drawSparkline(t.indicator));
}

function tile(total) {
  const div = document.createElement("div");
  div.className = "tile";
  div.dataset.indicator = total.indicator;
  div.tabIndex = 0;
  div.setAttribute("role", "button");
  div.innerHTML = `<div class="label"></div><div class="value"></div><div class="ratio"></div><div class="spark"></div><span class="badge"></span>`;
  div.querySelector(".label").textContent = indicatorLabel(total.indicator);
  div.title = total.indicator;
  fillTile(div, total);
  const choose = () => navigate(state, { indicator: total.indicator });
  div.addEventListener("click", choose);
  div.addEventListener("keydown", e => { if (e.key === "Enter") choose(); });
  return div;
}

function fillTile(div, total) {
  div.querySelector(".value").textContent = formatValue(total);
  div.querySelector(".ratio").textContent = formatRatio(total);
}

function updateTiles(answer, changed) {
  for (const t of answer.totals) {
    if (!changed.has(t.indicator)) continue;
    const div = tileOf(t.indicator);
    if (div) { fillTile(div, t); drawSparkline(t.indicator); }
  }
}

function selectTile() {
  document.querySelectorAll(".tile.selected").forEach(t => t.classList.remove("selected"));
  const t = tileOf(state.indicator);
  if (t) t.classList.add("selected");
}

async function drawSparkline(indicator) {
  const div = tileOf(indicator);
  if (!div) return;
  const { from, to } = chartRange(state.period, "month");
  const granularity = /^(month|day):/.test(state.period) ? "day" : "month";
  const range = chartRange(state.period, granularity);
  try {
    const series = await api.series(state.region, indicator, granularity === "day" ? range.from : from,
      granularity === "day" ? range.to : to, granularity);
    if (div.isConnected) charts.sparkline(div.querySelector(".spark"), series.points);
  } catch (e) { /* a sparkline is decoration: the tile's figure still shows */ }
}

// ---- the trend of the selected indicator

async function drawTrend() {
  const { region, period, indicator, granularity } = state;
  const { from, to } = chartRange(period, granularity);
  $("trendTitle").textContent = `Trend 趋势 · ${indicatorLabel(indicator)}`;
  document.querySelectorAll("[data-granularity]").forEach(b => b.setAttribute("aria-pressed", String(b.dataset.granularity === granularity)));
  try {
    const series = await api.series(region, indicator, from, to, granularity);
    if (state.region !== region || state.indicator !== indicator || state.granularity !== granularity) return;
    const rate = series.points.some(p => p.denominator !== undefined);
    charts.trend($("trendChart"), series.points, { rate, granularity, name: indicatorLabel(indicator) });
    problem("trend", null);
  } catch (e) { problem("trend", e); }
}

// ---- the ranking of the sub-regions (of the region, or of its parent for a county)

let rankingGeneration = 0;
async function drawRanking() {
  const generation = ++rankingGeneration;
  const { region, period, indicator } = state;
  const self = index.get(region);
  const parent = (self.children || []).length ? self : index.parent(region);
  const tbody = $("ranking").querySelector("tbody");
  if (!parent) {
    $("rankingTitle").textContent = "Ranking 排名";
    tbody.innerHTML = `<tr><td colspan="4" class="muted">no sub-regions to compare</td></tr>`;
    return;
  }
  const kids = parent.children;
  $("rankingTitle").textContent = `Ranking 排名 · ${regionLabel(parent)} › ${indicatorLabel(indicator)}`;
  $("ranking").setAttribute("aria-busy", "true");
  if (tbody.dataset.key !== `${parent.code}|${period}|${indicator}`) {
    tbody.innerHTML = `<tr><td colspan="4" class="muted">loading…</td></tr>`;
  }
  try {
    // One request per sub-region: fine for a city's ~20 counties; a province's ~100 waits for a bulk endpoint.
    const answers = await Promise.all(kids.map(k => api.totals(k.code, period)));
    if (generation !== rankingGeneration) return;
    const rows = kids.map((k, i) => ({
      region: k, label: regionLabel(k),
      total: answers[i].totals.find(t => t.indicator === indicator) || { value: null },
    }));
    const v = r => (r.total.value === null || r.total.value === undefined || Number.isNaN(r.total.value)) ? -Infinity : r.total.value;
    rows.sort((a, b) => v(b) - v(a) || (b.total.denominator || 0) - (a.total.denominator || 0) || a.region.code.localeCompare(b.region.code));
    const rate = rows.some(r => isRate(r.total));
    tbody.replaceChildren(...rows.map((r, i) => {
      const tr = document.createElement("tr");
      tr.dataset.code = r.region.code;
      if (r.region.code === region) tr.className = "self";
      tr.innerHTML = `<td>${i + 1}</td><td></td><td class="num"></td><td class="num"></td>`;
      tr.children[1].textContent = r.label;
      tr.children[2].textContent = formatValue(r.total);
      tr.children[3].textContent = formatRatio(r.total);
      tr.addEventListener("click", () => navigate(state, { region: r.region.code }));
      return tr;
    }));
    tbody.dataset.key = `${parent.code}|${period}|${indicator}`;
    $("ranking").setAttribute("aria-busy", "false");
    charts.ranking($("rankingChart"), rows, { rate, selfCode: region });
    problem("ranking", null);
  } catch (e) { if (generation === rankingGeneration) problem("ranking", e); }
}

// ---- targets (met / missed / no data for the period) and the latest alerts (target flips) of the region

const targetFigure = (indicator, v) => v === null || v === undefined ? "–"
  : indicator.endsWith("_rate") ? `${(100 * v).toFixed(2)} %` : Number(v).toLocaleString("en-US");

let targetsGeneration = 0;
async function drawTargets() {
  const generation = ++targetsGeneration;
  const { region, period } = state;
  const box = $("targets");
  const year = (/^(?:year|quarter|month|day):(\d{4})/.exec(period) || [])[1];
  const report = document.createElement("a");
  report.className = "report-link";
  report.href = api.reportUrl(region, year || String(new Date().getFullYear()));
  report.target = "_blank";
  report.textContent = `Annual report 年度报告 ${year || new Date().getFullYear()} ↗`;
  try {
    const [answer, alerts] = await Promise.all([api.targets(region, period), api.alerts(region, 5).catch(() => ({ alerts: [] }))]);
    if (generation !== targetsGeneration) return;
    const targets = answer.targets || [];
    const rows = targets.map(t => {
      const div = document.createElement("div");
      div.className = `target ${t.status === "met" ? "met" : t.status === "missed" ? "missed" : "muted"}`;
      div.dataset.indicator = t.indicator;
      div.dataset.status = t.status;
      const ratio = t.denominator ? ` · ${Number(t.numerator).toLocaleString("en-US")} / ${Number(t.denominator).toLocaleString("en-US")}` : "";
      div.textContent = `${t.status === "met" ? "✔" : t.status === "missed" ? "✘" : "·"} ${indicatorLabel(t.indicator)} `
        + `${t.comparator} ${targetFigure(t.indicator, t.threshold)}: ${t.status} (${targetFigure(t.indicator, t.value)}${ratio})`;
      div.title = t.source || "";
      return div;
    });
    if (!rows.length) rows.push(Object.assign(document.createElement("span"), { className: "muted", textContent: "No targets for this period 本期无目标" }));
    const flips = (alerts.alerts || []).map(a => {
      const div = document.createElement("div");
      div.className = `alert ${a.status === "met" ? "met" : a.status === "missed" ? "missed" : "muted"}`;
      div.textContent = `⚑ ${a.period} ${indicatorLabel(a.indicator)}: ${a.previousStatus} → ${a.status} (${targetFigure(a.indicator, a.value)})`;
      div.title = `published ${a.publishedAt || ""}`;
      return div;
    });
    box.replaceChildren(...rows, ...flips, report);
  } catch (e) {
    if (generation !== targetsGeneration) return;
    const span = document.createElement("span");
    span.className = "muted";
    span.textContent = e.status === 404 ? "No targets configured 未设定目标" : `Targets unavailable: ${e.message}`;
    box.replaceChildren(span, report);
  }
}

// ---- the selection

function drawHeader() {
  const r = index.get(state.region);
  $("regionTitle").textContent = r ? regionLabel(r) : state.region;
  $("regionMeta").textContent = r ? `${r.code} · ${r.level}` : "unknown region";
  $("periodTitle").textContent = state.period;
  $("period").value = state.period;
  document.title = `${r ? regionLabel(r) : state.region} · ${state.period} · indicator-pipeline`;
  $("breadcrumbs").replaceChildren(...index.path(state.region).slice(0, -1).map(p => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.textContent = p.nameZh || p.code;
    a.title = regionLabel(p);
    a.addEventListener("click", () => navigate(state, { region: p.code }));
    li.appendChild(a);
    return li;
  }));
}

function show() {
  state = readRoute();
  if (!index.get(state.region)) {
    problem("region", new Error(`unknown region ${state.region}`));
    state.region = index.root.code;
  } else problem("region", null);
  const before = shown || {};
  shown = { ...state };
  drawHeader();
  tree.reveal(state.region);
  if (before.region !== state.region || before.period !== state.period) {
    latest = null;
    $("indicators").dataset.key = "";
    $("indicators").innerHTML = `<span class="muted">loading…</span>`;
    live.watch(state.region, state.period);
    drawTargets();
    drawTrend();
  } else if (before.indicator !== state.indicator) {
    selectTile();
    drawTrend();
    drawRanking();
  } else if (before.granularity !== state.granularity) {
    drawTrend();
  }
}

// The server reads only with a token: show the form that asks for one (its submit, bound once in start(), keeps the
// token for this tab and loads again with it).
function askForReadToken(error) {
  $("tree").textContent = "";
  $("tokenProblem").textContent = readToken.get()
    ? `The token was refused 令牌无效: ${error.message}`
    : "This server shows its figures to readers with a token. 此服务需要访问令牌。";
  readToken.clear();
  $("tokenForm").hidden = false;
  $("readToken").focus();
}

function start() {
  $("periodChoices").replaceChildren(...periodChoices().map(p => Object.assign(document.createElement("option"), { value: p })));
  $("periodForm").addEventListener("submit", e => {
    e.preventDefault();
    const period = $("period").value.trim() || "all";
    navigate(state, { period });
  });
  document.querySelectorAll("[data-granularity]").forEach(b =>
    b.addEventListener("click", () => navigate(state, { granularity: b.dataset.granularity })));
  if (window.matchMedia("(max-width: 720px)").matches) $("regionsPanel").open = false;
  if (!charts.chartsAvailable()) problem("charts", new Error("the chart library (vendor/echarts.min.js) did not load"));
  $("tokenForm").addEventListener("submit", e => {
    e.preventDefault();
    const token = $("readToken").value.trim();
    if (!token) return;
    readToken.set(token);
    $("tokenForm").hidden = true;
    loadRegions();
  });
  loadRegions();
}

async function loadRegions() {
  try {
    index = new RegionIndex(await api.regionTree());
  } catch (e) {
    if (e.status === 401) return askForReadToken(e);
    $("tree").textContent = e.message;
    problem("regions", e);
    return;
  }
  const select = code => {
    if (window.matchMedia("(max-width: 720px)").matches) $("regionsPanel").open = false;
    navigate(state, { region: code });
  };
  tree = new RegionTree($("tree"), index, select);
  bindRegionSearch($("regionSearch"), $("searchResults"), index, select);
  window.addEventListener("hashchange", show);
  show();
  document.body.dataset.ready = "true";
}

start();
