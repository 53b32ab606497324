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
 * "Flat" memory, measured from the first minute of load on (issue 15.11): the median of the last minute
 * against the median of the first. Medians, because a GC'd heap is a sawtooth and single samples catch it
 * at a peak or a trough; a minute holds 30 samples and many young-generation cycles. A leak grows with
 * the work done, at a steady rate, so it shows between the first minute and the last: 50 MB over a 5-minute
 * run (~15,000 requests, ~29,000 log lines) is ~3 KB per request.
 * The early rise once recorded (185 → 234 → 368 → 369 → 388 → 388 MB per minute) was the allocator and
 * V8 sizing themselves to the new load: glibc made a malloc arena per thread that touched memory under
 * concurrency (libuv's pool, socket.io, zlib), and V8 grew a 16 MB young generation per semi-space before
 * the old generation settled. The server now runs with MALLOC_ARENA_MAX=2 and --max-semi-space-size=4
 * (package.json `start`, the image's CMD, the test server): the last runs went 267 223 216 242 260 230 MB.
 * The rise is bounded too: no minute's median may stand more than PEAK_ABOVE_FIRST_MB above the first's.
 */
export const PEAK_ABOVE_FIRST_MB = 100;

export function rssWindows(samples: RssSample[], durationS: number) {
  const win = Math.min(60, durationS / 3);
  const first = samples.filter((s) => s.t < win).map((s) => s.mb);
  const last = samples.filter((s) => s.t >= durationS - win).map((s) => s.mb);
  return { warm: 0, win, startMb: median(first), endMb: median(last), maxMb: Math.max(...samples.map((s) => s.mb)), firstN: first.length, lastN: last.length };
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
