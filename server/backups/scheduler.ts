// Backups on schedule: `slipway.backup.schedule` (cron) on a backup target, one job each (label-schedules.ts).
import type { AppEnv } from '../app';
import { kindOf } from './targets';
import { startBackup } from './run-backup';
import { LabelSchedules } from './label-schedules';

const backupSchedules = (ae: AppEnv) =>
  ae.env.service('backups:schedules', () =>
    new LabelSchedules({
      what: 'backup',
      label: 'schedule',
      patternOf: (c) => (kindOf(c.labels) ? c.labels['slipway.backup.schedule']?.trim() || undefined : undefined),
      run: (name) => startBackup(ae, name, 'schedule', null),
    }),
  );

/** Creates, replaces and stops jobs so that they match the labels of the containers that exist now. */
export function reconcileSchedules(ae: AppEnv) {
  backupSchedules(ae).reconcile(ae.env.watcher.list());
}

export function scheduleOf(ae: AppEnv, name: string): { nextRun: string | null; error: string | null } {
  return backupSchedules(ae).of(name);
}

export function stopSchedules(ae: AppEnv) {
  backupSchedules(ae).stop();
}
