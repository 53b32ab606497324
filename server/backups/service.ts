// An environment's backup state: which target is busy (one backup or restore at a time per target) and
// the bytes of running backups. One instance per environment (env.service()), shared by routes,
// sockets and the scheduler.
import type { AppEnv } from '../app';
import { BACKUP_EVENTS, type BackupProgressEvent, type BackupRecord } from '../contract';
import { HttpError } from '../http/errors';

export interface BackupState {
  /** target → what holds it ("backup 12", "restore of 9") */
  busy: Map<string, string>;
  /** running backup id → bytes written so far */
  bytes: Map<number, number>;
}

export const backupState = (ae: AppEnv) => ae.env.service<BackupState>('backups', () => ({ busy: new Map(), bytes: new Map() }));

/** Claims a target or answers 409; the returned function releases it. */
export function claimTarget(ae: AppEnv, target: string, what: string): () => void {
  const s = backupState(ae);
  const holder = s.busy.get(target);
  if (holder) throw new HttpError(409, `${target} is busy: ${holder} is under way`);
  s.busy.set(target, what);
  return () => {
    if (s.busy.get(target) === what) s.busy.delete(target);
  };
}

export function emitProgress(ae: AppEnv, ev: BackupProgressEvent) {
  ae.env.emit(BACKUP_EVENTS.progress, ev);
}

export function emitChanged(ae: AppEnv, rec: BackupRecord | (Pick<BackupRecord, 'id' | 'target'> & { deleted: true })) {
  ae.env.emit(BACKUP_EVENTS.changed, rec);
}
