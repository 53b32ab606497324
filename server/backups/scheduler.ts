// Backups on schedule: `slipway.backup.schedule` (cron) on a backup target, one job each (label-schedules.ts).
import type { AppContext } from '../context';
import { singleton } from '../context';
import { kindOf } from './targets';
import { startBackup } from './run-backup';
import { LabelSchedules } from './label-schedules';

const backupSchedules = (ctx: AppContext) =>
  singleton(ctx, 'backups:schedules', () =>
    new LabelSchedules({
      what: 'backup',
      label: 'schedule',
      patternOf: (c) => (kindOf(c.labels) ? c.labels['slipway.backup.schedule']?.trim() || undefined : undefined),
      run: (name) => startBackup(ctx, name, 'schedule', null),
    }),
  );

/** Creates, replaces and stops jobs so that they match the labels of the containers that exist now. */
export function reconcileSchedules(ctx: AppContext) {
  backupSchedules(ctx).reconcile(ctx.watcher.list());
}

export function scheduleOf(ctx: AppContext, name: string): { nextRun: string | null; error: string | null } {
  return backupSchedules(ctx).of(name);
}

export function stopSchedules(ctx: AppContext) {
  backupSchedules(ctx).stop();
}
