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
 * Memory, measured from the first minute of load on (issue 15.11), as per-minute medians of RSS. Medians,
 * because a GC'd heap is a sawtooth and single samples catch it at a peak or a trough; a minute holds 30
 * samples and many young-generation cycles.
 * The early rise (185 → 388 MB once; 264 → 443 → 358 MB in the CI run of 2026-12-06, with the JS heap 129 →
 * 230 → 167 MB) is the server sizing itself to the load, not a leak: Next loads each page's and route's
 * module on its first request and V8 compiles the hot ones (code space), V8's old generation grows its
 * limit under the allocation rate of 50 sessions rendering pages before it settles, and malloc keeps
 * freed arenas (bounded by MALLOC_ARENA_MAX=2 and --max-semi-space-size=4, which took idle RSS from 146
 * to 133 MB). It is bounded two ways:
 * - EARLY_RISE_LIMIT_MB: the last minute may stand at most this far above the first;
 * - LATE_RISE_LIMIT_MB: the last minute may not stand more than this above the highest earlier minute. A
 *   leak grows with the work done, so the run's last minute would be its highest; warm-up peaks early and
 *   falls back (443 then 327 352 358 above).
 */
export const EARLY_RISE_LIMIT_MB = 150;
export const LATE_RISE_LIMIT_MB = 25;

export function rssVerdict(minutes: number[]) {
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  const earlierPeak = Math.max(...minutes.slice(0, -1));
  return { first, last, earlierPeak, growth: last - first, lateRise: last - earlierPeak };
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
