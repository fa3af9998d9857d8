// The date range a chart covers for a period: a year's months (or days), a month's days, the last twelve months for
// "all" and trailing windows. The series API takes from/to as dates.

const pad = n => String(n).padStart(2, "0");
const iso = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const lastDay = (y, m) => new Date(y, m, 0).getDate(); // m is 1-based

export function chartRange(period, granularity, today = new Date()) {
  let m;
  if ((m = period.match(/^year:(\d{4})$/))) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  if ((m = period.match(/^quarter:(\d{4})Q([1-4])$/))) {
    if (granularity === "day") {
      const first = (m[2] - 1) * 3 + 1, last = first + 2;
      return { from: `${m[1]}-${pad(first)}-01`, to: `${m[1]}-${pad(last)}-${lastDay(+m[1], last)}` };
    }
    return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  }
  if ((m = period.match(/^(?:month|day):(\d{4})-(\d{2})/))) {
    if (granularity === "day") return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${lastDay(+m[1], +m[2])}` };
    return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  }
  const from = new Date(today.getFullYear(), today.getMonth() - 11, 1);
  return { from: iso(from), to: iso(today) };
}

/** Choices for the period box: this year and the five before, their quarters, trailing windows, all. */
export function periodChoices(today = new Date()) {
  const y = today.getFullYear();
  const out = ["all", "trailing:7d", "trailing:30d", "trailing:365d"];
  for (let i = 0; i < 6; i++) out.push(`year:${y - i}`);
  for (let q = 1; q <= 4; q++) out.push(`quarter:${y}Q${q}`);
  out.push(`month:${y}-${pad(today.getMonth() + 1)}`);
  return out;
}
