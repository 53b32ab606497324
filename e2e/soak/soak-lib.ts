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
 * The early rise (185 → 388 MB once; 264 → 443 → 358 MB in the CI run of 2026-12-06; 223 → 424 → 393 MB with
 * the JS heap in use 120 → 264 → 160 MB in a quiet 480 s run of 2026-12-07) is the server sizing itself to the
 * load, not a leak: Next loads each page's and route's module on its first request and V8 compiles the hot
 * ones (code space), V8 lets its old generation grow under the allocation rate of 50 sessions rendering
 * pages before it collects it (small semi-spaces promote short-lived objects early), and malloc keeps freed
 * arenas (bounded by MALLOC_ARENA_MAX=2 and --max-semi-space-size=4, which took idle RSS from 146 to 133 MB).
 * RSS is not monotonic under it (286 424 361 393 MB in consecutive minutes), so RSS bounds the size and the
 * live heap finds leaks:
 * - RSS_RISE_LIMIT_MB: the last minute's RSS may stand at most this far above the first minute's;
 * - LIVE_HEAP_RISE_LIMIT_MB: the JS heap that survives a full collection (live-heap.ts), read after the first
 *   minute and again when the load ends, may grow at most this much. A leak of 2 KB a request over the
 *   ~15,000 requests of the 300 s run would exceed it.
 */
export const RSS_RISE_LIMIT_MB = 250;
export const LIVE_HEAP_RISE_LIMIT_MB = 30;

export function rssVerdict(minutes: number[]) {
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  return { first, last, peak: Math.max(...minutes), growth: last - first };
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
