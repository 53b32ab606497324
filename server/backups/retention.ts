// Retention: keep the newest N good (verified) backups of a target. Pure, unit-tested.
// Two rules beat the count: the newest verified backup is never deleted, and nothing is deleted
// while the latest finished backup of the target is not good (a failing job must not eat the history).
import type { BackupStatus } from '../contract';

export interface RetentionItem {
  id: number;
  status: BackupStatus;
}

export interface RetentionPlan {
  delete: number[];
  reason: string;
}

export function retentionPlan(items: RetentionItem[], retain: number): RetentionPlan {
  const finished = items.filter((b) => b.status !== 'running').sort((a, b) => b.id - a.id);
  if (!finished.length) return { delete: [], reason: 'no finished backups' };
  if (finished[0].status !== 'verified') return { delete: [], reason: `the latest backup is ${finished[0].status}: nothing deleted while backups fail` };
  const good = finished.filter((b) => b.status === 'verified');
  const keep = Math.max(1, Math.floor(retain));
  const drop = good.slice(keep).map((b) => b.id);
  return { delete: drop, reason: `keeping the newest ${keep} verified of ${good.length}` };
}
