// One backup from start to verdict: catalog row, dump streamed to a `.partial` file while hashed,
// rename only after the source said success and the bytes look right, then verification and retention.
import fs from 'node:fs';
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import { backupFilePath, backupsDir, getBackup, insertBackup, now, publicRecord, setBackupCounts, updateBackup, type BackupMeta } from './catalog';
import { resolveTarget, type TargetSpec } from './targets';
import { HashTap, throttle } from './streams';
import { dumpPostgres, verifyPostgres } from './postgres';
import { dumpSqlite, sqliteCheckLimits, verifySqlite } from './sqlite';
import { dumpVolumes, verifyVolumeArchive } from './volume';
import { applyRetention } from './retention-run';
import type { VerifyOutcome } from './volume-worker-protocol';
import { backupState, claimTarget, emitChanged, emitProgress } from './service';
import { recordBackupRun } from '../metrics';
import { notifier } from '../notifications/notifier';
import { recordBackupEvent } from '../events/backup-events';

const EXT = { postgres: 'dump', sqlite: 'db', volume: 'tar.gz' } as const;

function sourceOf(spec: TargetSpec): { source: string; meta: BackupMeta } {
  if (spec.kind === 'postgres') return { source: spec.database, meta: { containerName: spec.containerName, database: spec.database, user: spec.user } };
  if (spec.kind === 'sqlite') return { source: spec.path, meta: { containerName: spec.containerName, path: spec.path } };
  return { source: spec.volumes.join(','), meta: { containerName: spec.containerName ?? undefined, volumes: spec.volumes } };
}

/** Starts a backup and returns its id at once (202); the work goes on in the background. */
export async function startBackup(ae: AppEnv, target: string, trigger: 'manual' | 'schedule', username: string | null): Promise<number> {
  const spec = await resolveTarget(ae, target);
  const release = claimTarget(ae, spec.target, 'a backup');
  let id: number;
  try {
    const { source, meta } = sourceOf(spec);
    id = insertBackup(ae.app.db, { target: spec.target, kind: spec.kind, trigger, username, source, meta: { ...meta, env: ae.env.name } });
  } catch (e) {
    release();
    throw e;
  }
  backupState(ae).busy.set(spec.target, `backup ${id}`);
  recordAudit(ae.app.db, { username: username ?? 'scheduler', action: 'backup.run', target: spec.target, result: 'ok', detail: { id, trigger } });
  emitChanged(ae, publicRecord(getBackup(ae.app.db, id)!));
  void runBackup(ae, spec, id).finally(() => {
    backupState(ae).busy.delete(spec.target);
    backupState(ae).bytes.delete(id);
  });
  return id;
}

async function runBackup(ae: AppEnv, spec: TargetSpec, id: number) {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const fileName = `${id}-${spec.target.replace(':', '_')}-${stamp}.${EXT[spec.kind]}`;
  const finalPath = backupFilePath(ae.app.config.dataDir, fileName);
  const partial = `${finalPath}.partial`;
  fs.mkdirSync(backupsDir(ae.app.config.dataDir), { recursive: true });
  const state = backupState(ae);
  const progress = throttle((bytes: number) => {
    state.bytes.set(id, bytes);
    emitProgress(ae, { id, target: spec.target, bytes, status: 'running', phase: 'dumping' });
  }, 200);
  const tap = new HashTap(512, progress);
  const startedAt = Date.now();
  const finish = (patch: Parameters<typeof updateBackup>[2]) => {
    updateBackup(ae.app.db, id, patch);
    const rec = getBackup(ae.app.db, id);
    if (rec) emitChanged(ae, publicRecord(rec));
    // A run ends verified or failed: count it, and tell whoever listens when it failed.
    if (patch.status === 'verified' || patch.status === 'failed') recordBackupRun(ae, patch.status, (Date.now() - startedAt) / 1000);
    recordBackupEvent(ae, spec.target, spec.kind, id, patch.status, patch.error);
    if (patch.status === 'failed')
      notifier(ae).notify('backup.failed', `Backup failed: ${spec.target}`, `Backup #${id} of ${spec.target} (${spec.kind}) failed: ${patch.error ?? 'unknown error'}`, 'critical', { id, target: spec.target, kind: spec.kind });
    return rec;
  };
  try {
    await dump(ae, spec, id, tap, partial);
    progress.flush();
    fs.renameSync(partial, finalPath);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    const msg = (e as Error).message || String(e);
    finish({ status: 'failed', finishedAt: now(), error: msg.slice(0, 4000), sizeBytes: null, sha256: null });
    recordAudit(ae.app.db, { username: 'system', action: 'backup.failed', target: spec.target, result: 'failed', detail: { id, error: msg } });
    return;
  }
  finish({ status: 'succeeded', fileName, sizeBytes: tap.bytes, sha256: tap.digest(), dumpedAt: now() });
  emitProgress(ae, { id, target: spec.target, bytes: tap.bytes, status: 'succeeded', phase: 'verifying' });
  try {
    const verify = await verifyFile(ae, spec, id, finalPath);
    setBackupCounts(ae.app.db, id, verify.counts);
    finish({ status: 'verified', verify: verify.summary, finishedAt: now() });
  } catch (e) {
    finish({ status: 'failed', finishedAt: now(), error: `verification failed: ${(e as Error).message}`.slice(0, 4000) });
  }
  emitProgress(ae, { id, target: spec.target, bytes: tap.bytes, status: getBackup(ae.app.db, id)?.status ?? 'failed', phase: 'done' });
  if (spec.retain) applyRetention(ae, spec.target, spec.retain);
}

async function dump(ae: AppEnv, spec: TargetSpec, id: number, tap: HashTap, partial: string) {
  // A volume is copied to the file by a worker thread; the others stream through this one.
  if (spec.kind === 'volume') await dumpVolumes(ae, spec, tap, partial);
  else {
    const sink = fs.createWriteStream(partial, { highWaterMark: 1024 * 1024 });
    try {
      if (spec.kind === 'postgres') await dumpPostgres(ae.env.docker, spec, tap, sink);
      else await dumpSqlite(ae.env.docker, spec, id, tap, sink);
      // Everything is on disk before the rename makes it a backup.
      if (!sink.writableFinished) await new Promise<void>((resolve, reject) => sink.once('finish', resolve).once('error', reject));
    } finally {
      sink.destroy();
    }
  }
  if (tap.bytes === 0) throw new Error('the backup is empty');
}

async function verifyFile(ae: AppEnv, spec: TargetSpec, id: number, file: string): Promise<VerifyOutcome> {
  if (spec.kind === 'postgres') return verifyPostgres(ae.env.docker, spec, file, id);
  if (spec.kind === 'sqlite') return verifySqlite(file, sqliteCheckLimits(ae.app.config));
  return verifyVolumeArchive(file);
}
