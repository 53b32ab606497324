// Retention: keep the newest N good (verified) backups of a target. Pure, unit-tested.
// Three rules beat the count: the newest verified backup is never deleted, nor the newest one proven
// restorable by a later restore test (issue 18.5), and nothing is deleted while the latest finished
// backup of the target is not good (a failing job must not eat the history).
import type { BackupStatus } from '../contract';
import { newestProven } from './prove-counts';

export interface RetentionItem {
  id: number;
  status: BackupStatus;
  /** when a restore test last proved it restorable (server/backups/prove.ts) */
  provenAt?: string | null;
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
  const proven = newestProven(finished.map((b) => ({ ...b, provenAt: b.provenAt ?? null })));
  const drop = good.slice(keep).map((b) => b.id).filter((id) => id !== proven?.id);
  return { delete: drop, reason: `keeping the newest ${keep} verified of ${good.length}${proven ? ` and #${proven.id}, the newest proven restorable` : ''}` };
}
