// The one byte formatter of the browser: sizes, memory, transfer totals and rates (issue 16 "one definition").
/**
 * `n` bytes in B, KB, MB, GB or TB (powers of 1024); '—' when unknown. Whole bytes below 1 KB; above, `digits`
 * fraction digits, or by default one below 10 and none from 10 up ("1.5 GB", "250 MB").
 */
export function formatBytes(n: number | null | undefined, digits?: number): string {
  if (n == null || !Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${Math.round(v)} B`;
  return `${v.toFixed(digits ?? (Math.abs(v) < 10 ? 1 : 0))} ${units[i]}`;
}
