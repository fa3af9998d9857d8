// The selection lives in the address, so a view can be shared or bookmarked:
//   #/region/310118?period=year:2017&indicator=mediation.success_rate&granularity=month
// (a plain query string ?region=310118&period=... is read too, for links typed by hand).

export const DEFAULTS = Object.freeze({
  region: "000000", period: "all", indicator: "mediation.success_rate", granularity: "month",
});

export function readRoute(location = window.location) {
  const state = { ...DEFAULTS };
  const fromQuery = new URLSearchParams(location.search);
  for (const k of Object.keys(DEFAULTS)) if (fromQuery.get(k)) state[k] = fromQuery.get(k);
  const hash = location.hash.replace(/^#/, "");
  const [pathPart, queryPart = ""] = hash.split("?");
  const m = pathPart.match(/^\/region\/([^/]+)\/?$/);
  if (m) state.region = decodeURIComponent(m[1]);
  const params = new URLSearchParams(queryPart);
  for (const k of ["period", "indicator", "granularity"]) if (params.get(k)) state[k] = params.get(k);
  if (state.granularity !== "day") state.granularity = "month";
  return state;
}

export function routeHash(state) {
  const params = new URLSearchParams({ period: state.period, indicator: state.indicator, granularity: state.granularity });
  // URLSearchParams escapes ':' which is legal in a fragment; keep the address readable.
  return `#/region/${encodeURIComponent(state.region)}?${params.toString().replace(/%3A/gi, ":")}`;
}

/** Changes part of the selection; the hashchange listener re-renders. */
export function navigate(current, change) {
  const next = { ...current, ...change };
  const hash = routeHash(next);
  if (window.location.hash !== hash) window.location.hash = hash;
}
