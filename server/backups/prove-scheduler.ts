// Restore tests on schedule (issue 18.5): `slipway.backup.verify` (cron, five fields like the backup
// schedule; default weekly) on every backup target, one job each (label-schedules.ts).
import type { AppContext } from '../context';
import { singleton } from '../context';
import { DEFAULT_VERIFY_SCHEDULE } from '../contract';
import { kindOf } from './targets';
import { proveTarget } from './prove';
import { LabelSchedules } from './label-schedules';

export const verifyPatternOf = (labels: Record<string, string>) => labels['slipway.backup.verify']?.trim() || DEFAULT_VERIFY_SCHEDULE;

const proveSchedules = (ctx: AppContext) =>
  singleton(ctx, 'backups:prove-schedules', () =>
    new LabelSchedules({
      what: 'restore test',
      label: 'slipway.backup.verify',
      patternOf: (c) => (kindOf(c.labels) ? verifyPatternOf(c.labels) : undefined),
      // no verified backup yet, or the target busy: the next run tries again
      run: (name) => proveTarget(ctx, name, null),
    }),
  );

export function reconcileProveSchedules(ctx: AppContext) {
  proveSchedules(ctx).reconcile(ctx.watcher.list());
}

export function proveScheduleOf(ctx: AppContext, name: string): { nextRun: string | null; error: string | null } {
  return proveSchedules(ctx).of(name);
}

export function stopProveSchedules(ctx: AppContext) {
  proveSchedules(ctx).stop();
}
