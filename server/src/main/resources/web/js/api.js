// The pipeline's query API (/api/v1). Every call answers the parsed JSON or throws an ApiError naming the request.

export class ApiError extends Error {
  constructor(url, status, message) {
    super(`${message} (${status} from ${url})`);
    this.url = url;
    this.status = status;
  }
}

// A server with INDICATORS_HTTP_READ_ACCESS=token answers reads only with a bearer token. The reader enters it once
// per browser tab (sessionStorage: gone when the tab closes, never sent to another site). The event stream and the
// report link cannot carry a header from a browser, so they send it as access_token (RFC 6750, section 2.3).
const TOKEN_KEY = "indicators.readToken";
export const readToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: token => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function getJson(url) {
  let response;
  const headers = { Accept: "application/json" };
  const token = readToken.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    response = await fetch(url, { headers });
  } catch (e) {
    throw new ApiError(url, 0, "the server cannot be reached");
  }
  let body = null;
  try { body = await response.json(); } catch (e) { /* a non-JSON error page: the status says enough */ }
  if (!response.ok) throw new ApiError(url, response.status, (body && body.error) || response.statusText);
  return body;
}

const q = params => new URLSearchParams(params).toString();
const withToken = params => (readToken.get() ? { ...params, access_token: readToken.get() } : params);
const path = code => encodeURIComponent(code);

export const api = {
  regionTree: () => getJson("/api/v1/regions"),
  totals: (region, period) => getJson(`/api/v1/regions/${path(region)}/totals?${q({ period })}`),
  series: (region, indicator, from, to, granularity) =>
    getJson(`/api/v1/regions/${path(region)}/series?${q({ indicator, from, to, granularity })}`),
  targets: (region, period) => getJson(`/api/v1/regions/${path(region)}/targets?${q({ period })}`),
  alerts: (region, limit) => getJson(`/api/v1/alerts?${q({ region, limit })}`),
  subscribeUrl: (region, period) => `/api/v1/subscribe?${q(withToken({ region, period }))}`,
  reportUrl: (region, year) => `/api/v1/regions/${path(region)}/report?${q(withToken({ year }))}`,
};
