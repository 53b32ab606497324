// Counting a container's error lines exactly once (pure: unit-tested). Lines reach the counter from two
// sources that overlap: the catch-up read (from the container's start, or from the last line counted,
// up to now) and the live follow stream. Docker's per-line timestamps (RFC3339Nano, padded, so strings
// sort as times) are the watermark: a line at or before the newest one counted was counted already.
import { isErrorLine, rfc3339ToNanos, type LogLine } from '../contract';

const NS_PER_MINUTE = 60_000_000_000n;

/** The minute (since the epoch) a line was written in, by its Docker timestamp; now when it has none. */
export function minuteOfTs(ts: string, nowMs = Date.now()): number {
  const ns = ts ? rfc3339ToNanos(ts) : null;
  return ns === null ? Math.floor(nowMs / 60_000) : Number(ns / NS_PER_MINUTE);
}

export interface Watermarked {
  /** the newest timestamp counted ('' before the first line) */
  countedTs: string;
}

/**
 * Counts the error lines of `lines` (ordered, as Docker sends them) newer than `w.countedTs`, calling
 * `add(minute, n)` once per minute touched, and moves the watermark on. Lines without a timestamp (a
 * parser that could not read one) are counted as they come: nothing to compare them by.
 */
export function countNewErrors(w: Watermarked, lines: LogLine[], add: (minute: number, n: number) => void, nowMs = Date.now()): void {
  let minute = -1;
  let n = 0;
  for (const l of lines) {
    if (l.ts && w.countedTs && l.ts <= w.countedTs) continue;
    if (l.ts) w.countedTs = l.ts;
    if (!isErrorLine(l.text)) continue;
    const m = minuteOfTs(l.ts, nowMs);
    if (m !== minute && n > 0) {
      add(minute, n);
      n = 0;
    }
    minute = m;
    n++;
  }
  if (n > 0) add(minute, n);
}
