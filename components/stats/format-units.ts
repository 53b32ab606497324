// Compact units for stats readouts and chart axes (bytes through the one formatter, components/format-bytes.ts).
import { formatBytes } from '../format-bytes';

export const rate = (n: number) => `${formatBytes(n, 1)}/s`;

export function percent(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return `${n < 10 ? n.toFixed(1) : Math.round(n)}%`;
}

/** A limit equal to the host's memory means "no limit"; callers pass what they know. */
export function memText(used: number, limit: number): string {
  return limit > 0 ? `${formatBytes(used, 1)} / ${formatBytes(limit, 0)}` : formatBytes(used, 1);
}
