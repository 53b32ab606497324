// Applies the retention plan of a target: deletes the files and rows of backups beyond the newest N.
import fs from 'node:fs';
import type { AppContext } from '../context';
import { recordAudit } from '../audit/audit-log';
import { backupFilePath, deleteBackupRow, getBackup, listBackups } from './catalog';
import { retentionPlan } from './retention';
import { catalogEnv } from '../environments/registry';
import { emitChanged } from './service';

export function applyRetention(ctx: AppContext, target: string, retain: number): number[] {
  const plan = retentionPlan(listBackups(ctx.db, { target, limit: 100_000, env: catalogEnv(ctx) }), retain);
  for (const id of plan.delete) removeBackup(ctx, id);
  if (plan.delete.length)
    recordAudit(ctx.db, { username: 'scheduler', action: 'backup.retention', target, result: 'ok', detail: { deleted: plan.delete, reason: plan.reason } });
  return plan.delete;
}

/** Removes a backup's file and its row. */
export function removeBackup(ctx: AppContext, id: number) {
  const b = getBackup(ctx.db, id);
  if (!b) return;
  if (b.fileName) fs.rmSync(backupFilePath(ctx.config.dataDir, b.fileName), { force: true });
  deleteBackupRow(ctx.db, id);
  emitChanged(ctx, { id, target: b.target, deleted: true });
}
