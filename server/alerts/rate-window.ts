// Matching lines per minute of one rule and service: ten 6-second buckets, so the rate is the last
// minute's and old counts fall out without keeping any line. Pure (time passed in): unit-tested.
const BUCKET_MS = 6_000;
const BUCKETS = 10;

export class RateWindow {
  private counts = new Array<number>(BUCKETS).fill(0);
  private head = -1; // absolute bucket number of the newest bucket

  private advance(now: number) {
    const b = Math.floor(now / BUCKET_MS);
    if (this.head < 0) this.head = b;
    for (let i = this.head + 1; i <= b && i - this.head <= BUCKETS; i++) this.counts[i % BUCKETS] = 0;
    if (b - this.head > BUCKETS) this.counts.fill(0);
    if (b > this.head) this.head = b;
  }

  add(n: number, now: number) {
    this.advance(now);
    this.counts[this.head % BUCKETS] += n;
  }

  /** matches in the last minute */
  perMinute(now: number): number {
    this.advance(now);
    return this.counts.reduce((a, b) => a + b, 0);
  }
}
