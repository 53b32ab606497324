// Compact units for stats readouts and chart axes.
export function bytes(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(n) : n.toFixed(digits)} ${units[i]}`;
}

export const rate = (n: number) => `${bytes(n)}/s`;

export function percent(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return `${n < 10 ? n.toFixed(1) : Math.round(n)}%`;
}

/** A limit equal to the host's memory means "no limit"; callers pass what they know. */
export function memText(used: number, limit: number): string {
  return limit > 0 ? `${bytes(used)} / ${bytes(limit, 0)}` : bytes(used);
}
