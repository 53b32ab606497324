// Restore tests on schedule (issue 18.5): `slipway.backup.verify` (cron, five fields like the backup
// schedule; default weekly) on every backup target, one job each (label-schedules.ts).
import type { AppEnv } from '../app';
import { DEFAULT_VERIFY_SCHEDULE } from '../contract';
import { kindOf } from './targets';
import { proveTarget } from './prove';
import { LabelSchedules } from './label-schedules';

export const verifyPatternOf = (labels: Record<string, string>) => labels['slipway.backup.verify']?.trim() || DEFAULT_VERIFY_SCHEDULE;

const proveSchedules = (ae: AppEnv) =>
  ae.env.service('backups:prove-schedules', () =>
    new LabelSchedules({
      what: 'restore test',
      label: 'slipway.backup.verify',
      patternOf: (c) => (kindOf(c.labels) ? verifyPatternOf(c.labels) : undefined),
      // no verified backup yet, or the target busy: the next run tries again
      run: (name) => proveTarget(ae, name, null),
    }),
  );

export function reconcileProveSchedules(ae: AppEnv) {
  proveSchedules(ae).reconcile(ae.env.watcher.list());
}

export function proveScheduleOf(ae: AppEnv, name: string): { nextRun: string | null; error: string | null } {
  return proveSchedules(ae).of(name);
}

export function stopProveSchedules(ae: AppEnv) {
  proveSchedules(ae).stop();
}
