// Live totals of the selected region and period. Today it polls /api/v1/regions/{code}/totals every few seconds and
// reports which indicators changed since the previous answer. When the server streams changes (issue 13 point 1,
// GET /api/v1/subscribe?region=R&period=P, server-sent events), a second source slots in behind the same interface:
// an EventSource whose messages patch the last answer and call onTotals with the changed indicators.

const sameFigure = (a, b) => a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator;

export class LiveTotals {
  /**
   * onTotals(answer, changed): the region's totals (the API's JSON) and the Set of indicators whose figures differ
   * from the previous answer for the same region and period (empty on the first answer).
   * onStatus({ ok, error, mode }): whether the last refresh worked.
   */
  constructor({ intervalMs = 3000, onTotals, onStatus, fetchTotals }) {
    Object.assign(this, { intervalMs, onTotals, onStatus, fetchTotals });
    this.generation = 0;
    this.timer = null;
  }

  get mode() { return `polling every ${Math.round(this.intervalMs / 1000)} s`; }

  /** Follows one region and period, dropping the previous one (answers still in flight for it are ignored). */
  watch(region, period) {
    this.stop();
    const generation = ++this.generation;
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
  }
}
