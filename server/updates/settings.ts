// SLIPWAY_UPDATE_INTERVAL: "6h" (default), "30m", "90s", "1d" or plain seconds; "0"/"off" disables the
// periodic check ("check now" still works). A bad value stops the server at start, naming the variable.
export function parseInterval(raw: string | undefined): number | null {
  const v = (raw ?? '').trim();
  if (v === '') return 6 * 3600_000;
  if (v === '0' || v === 'off') return null;
  const m = /^(\d+)(s|m|h|d)?$/.exec(v);
  if (!m) throw new Error(`SLIPWAY_UPDATE_INTERVAL: "${v}" is not a duration (e.g. 6h, 30m, 90s, 1d, or 0 to disable)`);
  const ms = Number(m[1]) * { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 }[(m[2] ?? 's') as 's'];
  if (ms < 10_000 || ms > 30 * 86_400_000) throw new Error(`SLIPWAY_UPDATE_INTERVAL: "${v}" must be between 10s and 30d`);
  return ms;
}
