// Per-minute counts of one container for the last 24 hours: a Map from minute number to count, in
// insertion (= time) order, so dropping what fell out of the window is a walk from the front. Bounded
// at 1,441 entries whatever happens; minutes with no count take no room.
export const WINDOW_MINUTES = 24 * 60;

export class MinuteRing {
  private counts = new Map<number, number>();
  /** newest minute with a count (or 0) */
  newest = 0;

  add(minute: number, n: number) {
    if (n <= 0 || minute < this.newest - WINDOW_MINUTES) return;
    const had = this.counts.get(minute);
    this.counts.set(minute, (had ?? 0) + n);
    if (had === undefined && minute > this.newest) {
      this.newest = minute;
      this.trim(minute);
    }
  }

  /** [minute, count] pairs from `sinceMinute` on, oldest first */
  since(sinceMinute: number): [number, number][] {
    const out: [number, number][] = [];
    for (const [m, c] of this.counts) if (m >= sinceMinute) out.push([m, c]);
    return out.sort((a, b) => a[0] - b[0]);
  }

  get size() {
    return this.counts.size;
  }

  private trim(now: number) {
    for (const m of this.counts.keys()) {
      if (m >= now - WINDOW_MINUTES) break;
      this.counts.delete(m);
    }
  }
}
