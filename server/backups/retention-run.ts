// Applies the retention plan of a target: deletes the files and rows of backups beyond the newest N.
import fs from 'node:fs';
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import { backupFilePath, deleteBackupRow, getBackup, listBackups } from './catalog';
import { retentionPlan } from './retention';
import { catalogEnv } from '../environments/registry';
import { emitChanged } from './service';

export function applyRetention(ae: AppEnv, target: string, retain: number): number[] {
  const plan = retentionPlan(listBackups(ae.app.db, { target, limit: 100_000, env: catalogEnv(ae) }), retain);
  for (const id of plan.delete) removeBackup(ae, id);
  if (plan.delete.length)
    recordAudit(ae.app.db, { username: 'scheduler', action: 'backup.retention', target, result: 'ok', detail: { deleted: plan.delete, reason: plan.reason } });
  return plan.delete;
}

/** Removes a backup's file and its row. */
export function removeBackup(ae: AppEnv, id: number) {
  const b = getBackup(ae.app.db, id);
  if (!b) return;
  if (b.fileName) fs.rmSync(backupFilePath(ae.app.config.dataDir, b.fileName), { force: true });
  deleteBackupRow(ae.app.db, id);
  emitChanged(ae, { id, target: b.target, deleted: true });
}
