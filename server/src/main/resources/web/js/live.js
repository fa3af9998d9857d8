// Live totals of the selected region and period, pushed by the server: an EventSource on
// /api/v1/subscribe?region=R&period=P (server-sent events). The first answer is the region's totals from
// /api/v1/regions/{code}/totals, fetched once the stream is live ('ready'), so no change falls between the two; each
// 'total' event then patches that answer and reports the indicator that changed. The browser reconnects by itself
// with Last-Event-ID, and the server replays what was missed. Polling every few seconds remains only as the fallback
// for a browser without EventSource or a stream that keeps failing.

const sameFigure = (a, b) => a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;
const figure = t => ({ indicator: t.indicator, value: t.value ?? null, numerator: t.numerator ?? null, denominator: t.denominator ?? null });

export class LiveTotals {
  /**
   * onTotals(answer, changed): the region's totals (the API's JSON) and the Set of indicators whose figures differ
   * from the previous answer for the same region and period (empty on the first answer).
   * onStatus({ ok, error, mode }): whether the stream (or the polling) works.
   */
  constructor({ intervalMs = 3000, onTotals, onStatus, fetchTotals, subscribeUrl }) {
    Object.assign(this, { intervalMs, onTotals, onStatus, fetchTotals, subscribeUrl });
    this.generation = 0;
    this.timer = null;
    this.source = null;
    this.push = typeof EventSource === "function";
  }

  get mode() { return this.push ? "server push" : `polling every ${Math.round(this.intervalMs / 1000)} s`; }

  /** Follows one region and period, dropping the previous one (answers still in flight for it are ignored). */
  watch(region, period) {
    this.stop();
    const generation = ++this.generation;
    if (this.push) this.stream(region, period, generation); else this.poll(region, period, generation);
  }

  stream(region, period, generation) {
    let answer = null;          // the totals as last reported
    let pending = [];           // changes that arrived before the first answer
    let failures = 0;
    let flush = null;           // changes of one burst are reported together
    const changed = new Set();
    const apply = t => {
      if (t.region !== answer.region || t.period !== answer.period) return;
      const next = figure(t);
      const i = answer.totals.findIndex(x => x.indicator === next.indicator);
      if (i >= 0 && sameFigure(answer.totals[i], next)) return;
      if (i >= 0) answer.totals[i] = next; else answer.totals.push(next);
      changed.add(next.indicator);
      if (!flush) flush = setTimeout(() => {
        flush = null;
        if (generation !== this.generation) return;
        const report = new Set(changed);
        changed.clear();
        this.onTotals({ ...answer, totals: [...answer.totals] }, report);
      }, 30);
    };
    const source = new EventSource(this.subscribeUrl(region, period));
    this.source = source;
    source.addEventListener("ready", async () => {
      if (generation !== this.generation) return;
      failures = 0;
      this.onStatus({ ok: true, mode: this.mode });
      if (answer) return; // a reconnection: the server replayed what was missed before 'ready'
      try {
        const first = await this.fetchTotals(region, period);
        if (generation !== this.generation) return;
        answer = { ...first, totals: first.totals.map(figure) };
        this.onTotals(answer, new Set());
        const early = pending;
        pending = null;
        early.forEach(apply);
      } catch (error) {
        if (generation === this.generation) this.onStatus({ ok: false, error, mode: this.mode });
      }
    });
    source.addEventListener("total", e => {
      if (generation !== this.generation) return;
      const t = JSON.parse(e.data);
      if (answer) apply(t); else if (pending) pending.push(t);
    });
    source.onerror = () => {
      if (generation !== this.generation) return;
      failures++;
      this.onStatus({ ok: false, error: new Error("the live stream was interrupted; reconnecting"), mode: this.mode });
      if (source.readyState === EventSource.CLOSED || failures > 5) {
        // The stream is refused or keeps failing: follow the region by polling instead.
        source.close();
        this.push = false;
        this.poll(region, period, generation);
      }
    };
  }

  poll(region, period, generation) {
    let previous = null;
    const tick = async () => {
      try {
        const answer = await this.fetchTotals(region, period);
        if (generation !== this.generation) return;
        const changed = new Set();
        if (previous) {
          const before = new Map(previous.totals.map(t => [t.indicator, t]));
          for (const t of answer.totals) {
            const b = before.get(t.indicator);
            if (!b || !sameFigure(b, t)) changed.add(t.indicator);
          }
        }
        previous = answer;
        this.onStatus({ ok: true, mode: this.mode });
        this.onTotals(answer, changed);
      } catch (error) {
        if (generation !== this.generation) return;
        this.onStatus({ ok: false, error, mode: this.mode });
      }
      if (generation === this.generation) this.timer = setTimeout(tick, this.intervalMs);
    };
    tick();
  }

  stop() {
    this.generation++;
    clearTimeout(this.timer);
    if (this.source) { this.source.close(); this.source = null; }
  }
}
