// Small measuring helpers for the soak: percentiles, the server's RSS from /proc, the RSS verdict.
import fs from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const median = (values: number[]) => percentile(values, 50);

/** Resident set size of a process in MB (VmRSS), or NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

export interface RssSample {
  /** seconds since the load started */
  t: number;
  mb: number;
}

/**
 * "Flat" RSS: the median of the last window against the median of the first window after warm-up.
 * Medians, because a GC'd heap is a sawtooth and single samples catch it at a peak or a trough; a
 * window of a minute holds dozens of samples and several young-generation cycles. Warm-up (Next's
 * lazily compiled routes, the first socket buffers, V8 growing its old space to the working set) is
 * excluded. A leak that grows with requests or streamed lines shows as a steady rise between the two
 * windows; the allowance absorbs V8's old-space settling, which is not unbounded growth.
 */
export function rssWindows(samples: RssSample[], durationS: number) {
  const warm = Math.min(30, durationS * 0.1);
  const win = Math.min(60, (durationS - warm) / 3);
  const first = samples.filter((s) => s.t >= warm && s.t < warm + win).map((s) => s.mb);
  const last = samples.filter((s) => s.t >= durationS - win).map((s) => s.mb);
  return { warm, win, startMb: median(first), endMb: median(last), maxMb: Math.max(...samples.map((s) => s.mb)), firstN: first.length, lastN: last.length };
}

/** The median RSS of each whole minute of the run (a trend a reader can see at a glance). */
export function rssPerMinute(samples: RssSample[]): number[] {
  const out: number[] = [];
  for (let m = 0; samples.some((s) => s.t >= m * 60); m++) {
    const inMinute = samples.filter((s) => s.t >= m * 60 && s.t < (m + 1) * 60).map((s) => s.mb);
    if (inMinute.length) out.push(Math.round(median(inMinute)));
  }
  return out;
}
