// Every chart of the page, drawn by Apache ECharts (vendor/echarts.min.js, loaded before the modules).

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const ACCENT = "#2e6da4";
const instances = new Set();

export const chartsAvailable = () => typeof window.echarts !== "undefined";

function chartOn(element) {
  let chart = window.echarts.getInstanceByDom(element);
  if (!chart) {
    chart = window.echarts.init(element, null, { renderer: "canvas" });
    instances.add(chart);
  }
  return chart;
}

export function disposeCharts(container) {
  container.querySelectorAll("[_echarts_instance_]").forEach(el => {
    const chart = window.echarts.getInstanceByDom(el);
    if (chart) { instances.delete(chart); chart.dispose(); }
  });
}

let resizeTimer;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => instances.forEach(c => c.isDisposed() ? instances.delete(c) : c.resize()), 150);
});

const shortPeriod = p => p.replace(/^(day|month):/, "");

/** A tiny line without axes: the shape of an indicator over the chart range. */
export function sparkline(element, points) {
  if (!chartsAvailable()) return;
  chartOn(element).setOption({
    animation: false,
    grid: { left: 1, right: 1, top: 3, bottom: 1 },
    xAxis: { type: "category", show: false, boundaryGap: false, data: points.map(p => p.period) },
    yAxis: { type: "value", show: false, min: 0 },
    tooltip: { show: false },
    series: [{ type: "line", data: points.map(p => p.value), symbol: "none", silent: true,
      lineStyle: { width: 1.5, color: ACCENT }, areaStyle: { color: "rgba(46,109,164,.12)" } }],
  }, true);
}

function tooltipText(point, rate) {
  const v = point.value === null || point.value === undefined ? "–"
    : rate ? `${(100 * point.value).toFixed(2)} %` : Number(point.value).toLocaleString("en-US");
  const nd = rate ? `<br>${point.numerator} / ${point.denominator}` : "";
  return `${shortPeriod(point.period)}<br><b>${v}</b>${nd}`;
}

/** The trend of one indicator: a line over days, bars over months. */
export function trend(element, points, { rate, granularity, name }) {
  if (!chartsAvailable()) return;
  chartOn(element).setOption({
    textStyle: { fontFamily: FONT },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", formatter: params => tooltipText(points[params[0].dataIndex], rate) },
    xAxis: { type: "category", data: points.map(p => shortPeriod(p.period)), boundaryGap: granularity !== "day" },
    yAxis: { type: "value", min: 0, max: rate ? 1 : undefined,
      axisLabel: { formatter: v => rate ? `${Math.round(v * 100)}%` : Number(v).toLocaleString("en-US") } },
    series: [{ name, type: granularity === "day" ? "line" : "bar", data: points.map(p => p.value),
      showSymbol: false, itemStyle: { color: ACCENT }, areaStyle: granularity === "day" ? { opacity: .12 } : undefined }],
  }, true);
}

/** Sub-regions ranked by one indicator, best on top; the selected region highlighted. */
export function ranking(element, rows, { rate, selfCode }) {
  if (!chartsAvailable()) return;
  const shown = rows.slice().reverse(); // ECharts draws the first category at the bottom
  element.style.height = `${Math.max(160, 40 + 26 * rows.length)}px`;
  const chart = chartOn(element);
  chart.resize();
  chart.setOption({
    textStyle: { fontFamily: FONT },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "item", formatter: p => `${shown[p.dataIndex].label}<br>` + tooltipText(
      { period: "", ...shown[p.dataIndex].total }, rate).replace(/^<br>/, "") },
    xAxis: { type: "value", min: 0, max: rate ? 1 : undefined, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: "category", data: shown.map(r => r.region.nameZh || r.region.code), axisTick: { show: false } },
    series: [{ type: "bar", barMaxWidth: 18,
      data: shown.map(r => ({ value: r.total.value ?? 0,
        itemStyle: { color: r.region.code === selfCode ? "#17324d" : ACCENT } })),
      label: { show: true, position: "right",
        formatter: p => { const v = shown[p.dataIndex].total.value;
          return v === null || v === undefined ? "–" : rate ? `${(100 * v).toFixed(1)}%` : Number(v).toLocaleString("en-US"); } } }],
  }, true);
}
