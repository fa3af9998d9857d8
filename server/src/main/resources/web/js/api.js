// The pipeline's query API (/api/v1). Every call answers the parsed JSON or throws an ApiError naming the request.

export class ApiError extends Error {
  constructor(url, status, message) {
    super(`${message} (${status} from ${url})`);
    this.url = url;
    this.status = status;
  }
}

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ApiError(url, 0, "the server cannot be reached");
  }
  let body = null;
  try { body = await response.json(); } catch (e) { /* a non-JSON error page: the status says enough */ }
  if (!response.ok) throw new ApiError(url, response.status, (body && body.error) || response.statusText);
  return body;
}

const q = params => new URLSearchParams(params).toString();
const path = code => encodeURIComponent(code);

export const api = {
  regionTree: () => getJson("/api/v1/regions"),
  totals: (region, period) => getJson(`/api/v1/regions/${path(region)}/totals?${q({ period })}`),
  series: (region, indicator, from, to, granularity) =>
    getJson(`/api/v1/regions/${path(region)}/series?${q({ indicator, from, to, granularity })}`),
  targets: (region, period) => getJson(`/api/v1/regions/${path(region)}/targets?${q({ period })}`),
  alerts: (region, limit) => getJson(`/api/v1/alerts?${q({ region, limit })}`),
  subscribeUrl: (region, period) => `/api/v1/subscribe?${q({ region, period })}`,
  reportUrl: (region, year) => `/api/v1/regions/${path(region)}/report?${q({ year })}`,
};
