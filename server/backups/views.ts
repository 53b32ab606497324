// What the API answers for a backup: the public record plus live bytes while it runs.
import type { AppContext } from '../context';
import type { BackupRecord } from '../contract';
import { publicRecord, type StoredBackup } from './catalog';
import { backupState } from './service';

export function backupView(ctx: AppContext, b: StoredBackup): BackupRecord & { progressBytes: number | null } {
  return { ...publicRecord(b), progressBytes: b.status === 'running' ? (backupState(ctx).bytes.get(b.id) ?? 0) : b.sizeBytes };
}
