// Reads a container's probes from its labels: `slipway.probe.NAME` = URL, plus the reserved
// `slipway.probe.interval` and `slipway.probe.timeout` (e.g. `10s`, `500ms`, `2m`, or plain ms).
const PREFIX = 'slipway.probe.';
const RESERVED = new Set(['interval', 'timeout']);

export interface ProbeSpec {
  name: string;
  url: string;
}

export function probesFromLabels(labels: Record<string, string>): ProbeSpec[] {
  const out: ProbeSpec[] = [];
  for (const [k, v] of Object.entries(labels)) {
    if (!k.startsWith(PREFIX)) continue;
    const name = k.slice(PREFIX.length);
    if (!name || RESERVED.has(name) || !/^[a-zA-Z0-9_.-]{1,64}$/.test(name)) continue;
    out.push({ name, url: v.trim() });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** `10s`, `500ms`, `2m`, `1500` → ms; null when absent or unreadable. */
export function parseDuration(v: string | undefined): number | null {
  if (!v) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1);
  return Number.isFinite(n) ? Math.round(n) : null;
}

export function probeTiming(labels: Record<string, string>, defaults: { intervalMs: number; timeoutMs: number }) {
  const clamp = (v: number | null, def: number, min: number, max: number) => (v === null ? def : Math.min(max, Math.max(min, v)));
  const intervalMs = clamp(parseDuration(labels[`${PREFIX}interval`]), defaults.intervalMs, 500, 3_600_000);
  const timeoutMs = clamp(parseDuration(labels[`${PREFIX}timeout`]), Math.min(defaults.timeoutMs, intervalMs), 100, 60_000);
  return { intervalMs, timeoutMs };
}
