// What the API answers for a backup: the public record plus live bytes while it runs.
import type { AppEnv } from '../app';
import type { BackupRecord } from '../contract';
import { publicRecord, type StoredBackup } from './catalog';
import { backupState } from './service';

export function backupView(ae: AppEnv, b: StoredBackup): BackupRecord & { progressBytes: number | null } {
  return { ...publicRecord(b), progressBytes: b.status === 'running' ? (backupState(ae).bytes.get(b.id) ?? 0) : b.sizeBytes };
}
