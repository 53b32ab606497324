import { describe, expect, it } from 'vitest';
import { retentionPlan, type RetentionItem } from './retention';

const v = (id: number, status: RetentionItem['status'] = 'verified'): RetentionItem => ({ id, status });

describe('retentionPlan', () => {
  it('keeps the newest N verified backups and deletes older verified ones', () => {
    expect(retentionPlan([v(1), v(2), v(3), v(4), v(5)], 2).delete).toEqual([3, 2, 1]);
  });

  it('never deletes the newest verified backup, even with retain 0', () => {
    expect(retentionPlan([v(1), v(2)], 0).delete).toEqual([1]);
  });

  it('deletes nothing while the latest backup failed or was interrupted', () => {
    expect(retentionPlan([v(1), v(2), v(3), v(4, 'failed')], 1).delete).toEqual([]);
    expect(retentionPlan([v(1), v(2), v(3, 'interrupted')], 1).delete).toEqual([]);
  });

  it('ignores a running backup and does not count failed ones as good', () => {
    const plan = retentionPlan([v(1), v(2, 'failed'), v(3), v(4, 'running')], 1);
    expect(plan.delete).toEqual([1]);
  });

  it('does nothing with fewer good backups than retained', () => {
    expect(retentionPlan([v(1), v(2)], 5).delete).toEqual([]);
    expect(retentionPlan([], 3).delete).toEqual([]);
  });

  it('never deletes the newest backup proven restorable, whatever the count', () => {
    const p = (id: number, provenAt: string): RetentionItem => ({ id, status: 'verified', provenAt });
    // 2 was proven last (3 and 4 are newer but not proven yet): it stays, 1 (proven earlier) goes
    expect(retentionPlan([p(1, '2026-11-01T00:00:00Z'), p(2, '2026-11-08T00:00:00Z'), v(3), v(4)], 1).delete).toEqual([3, 1]);
    expect(retentionPlan([p(1, '2026-11-01T00:00:00Z'), v(2), v(3)], 1).delete).toEqual([2]);
  });
});
