// Quiet hours: a daily window in a fixed UTC offset (start to end; crossing midnight when end < start).
// Inside it only critical alerts are sent; warnings are still opened and listed. Pure: unit-tested.
import type { AlertSeverity, QuietHours } from '../contract';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inQuietHours(q: QuietHours | null, nowMs: number): boolean {
  if (!q?.enabled || q.start === q.end) return false;
  const local = new Date(nowMs + q.utcOffsetMinutes * 60_000);
  const m = local.getUTCHours() * 60 + local.getUTCMinutes();
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

export function mayDeliver(severity: AlertSeverity, q: QuietHours | null, nowMs: number): boolean {
  return severity === 'critical' || !inQuietHours(q, nowMs);
}
