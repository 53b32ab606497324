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

/** The JS heap in use and off-heap Buffers, MB, from the server's own /metrics. */
export function heapFromMetrics(text: string): { heapMb: number; externalMb: number } {
  const v = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]) / 1024 / 1024;
  return { heapMb: v('nodejs_heap_size_used_bytes'), externalMb: v('nodejs_external_memory_bytes') };
}

/**
 * "Flat" memory: the median of the last minute against the median of the first minute after warm-up.
 * Medians, because a GC'd heap is a sawtooth and single samples catch it at a peak or a trough; a
 * minute holds 30 samples and many young-generation cycles. Warm-up is the first 40% of the run (2 of
 * 5 minutes): under a new load V8 grows its old generation to the working set in a step or two and
 * the allocator's arenas grow with concurrency, a one-off rise seen anywhere in the first two minutes
 * (measured: 185 → 234 → 368 → 369 → 388 → 388 MB per minute in one run, 248 → 277 in another).
 * A leak grows with the work done, at a steady rate, so it still shows between minute 3 and minute 5:
 * 50 MB over those 2 minutes (~4,400 requests, ~11,000 log lines) is ~11 KB per request.
 */
export function rssWindows(samples: RssSample[], durationS: number) {
  const warm = durationS * 0.4;
  const win = Math.min(60, (durationS - warm) / 2);
  const first = samples.filter((s) => s.t >= warm && s.t < warm + win).map((s) => s.mb);
  const last = samples.filter((s) => s.t >= durationS - win).map((s) => s.mb);
  return { warm, win, startMb: median(first), endMb: median(last), maxMb: Math.max(...samples.map((s) => s.mb)), firstN: first.length, lastN: last.length };
}

/** The median RSS of each whole minute of the run (a trend a reader can see at a glance). */
export function perMinute(samples: RssSample[]): number[] {
  const out: number[] = [];
  for (let m = 0; samples.some((s) => s.t >= m * 60); m++) {
    const inMinute = samples.filter((s) => s.t >= m * 60 && s.t < (m + 1) * 60).map((s) => s.mb);
    if (inMinute.length) out.push(Math.round(median(inMinute)));
  }
  return out;
}
