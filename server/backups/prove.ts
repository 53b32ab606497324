// Backups proven over time (issue 18.5): the newest verified backup of a target is restore-tested again,
// into a scratch database on the same PostgreSQL server (dropped afterwards), a temporary SQLite file, or
// fresh temporary volumes (removed afterwards): first the file's sha256 against the one recorded when it
// was made, then integrity, then the counts against those recorded then. The result is stored on the backup
// (`proven_at` when it passed, `proof` always); a failure records `backup.verify_failed`, which raises the
// backup alert (server/alerts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppEnv } from '../app';
import type { BackupProof } from '../contract';
import { recordAudit } from '../audit/audit-log';
import { recordEvent } from '../events/record';
import { HttpError } from '../http/errors';
import { catalogEnv } from '../environments/registry';
import { backupFilePath, listBackups, type StoredBackup } from './catalog';
import { createDatabase, dropDatabase, pgRestore, tableCounts } from './postgres';
import { countsMismatch } from './prove-counts';
import { sqliteCheckLimits } from './sqlite';
import { claimTarget } from './service';
import { createHelper, helperImage } from './targets';
import { mountOf, putVolumeArchive, runWorker } from './volume';
import type { DumpResult, SqliteCheckResult, VerifyResult } from './volume-worker-protocol';

export async function proveTarget(ae: AppEnv, target: string, username: string | null): Promise<BackupProof> {
  const newest = listBackups(ae.app.db, { target, status: 'verified', limit: 1, env: catalogEnv(ae) })[0];
  if (!newest?.fileName) throw new HttpError(409, `${target} has no verified backup to restore-test`);
  const release = claimTarget(ae, target, `restore test of ${newest.id}`);
  const at = new Date().toISOString();
  let proof: BackupProof;
  try {
    const counts = await restoreTest(ae, newest, backupFilePath(ae.app.config.dataDir, newest.fileName));
    const mismatch = countsMismatch(newest.meta.counts, counts);
    proof = mismatch
      ? { ok: false, at, backupId: newest.id, detail: `counts differ from when it was made: ${mismatch}`, counts }
      : { ok: true, at, backupId: newest.id, detail: `restored and checked: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`, counts };
  } catch (e) {
    proof = { ok: false, at, backupId: newest.id, detail: `restore test failed: ${(e as Error).message}`.slice(0, 2000) };
  } finally {
    release();
  }
  ae.app.db.prepare('UPDATE backups SET proof = ?, proven_at = CASE WHEN ? THEN ? ELSE proven_at END WHERE id = ?').run(JSON.stringify(proof), proof.ok ? 1 : 0, at, newest.id);
  const c = target.startsWith('volume:') ? undefined : ae.env.watcher.find(target);
  recordEvent(ae, {
    project: c?.project ?? null, service: c?.service ?? null, container: c?.name ?? null,
    kind: proof.ok ? 'backup.verified' : 'backup.verify_failed', severity: proof.ok ? 'info' : 'critical',
    summary: `restore test of backup #${newest.id} of ${target} ${proof.ok ? 'passed' : 'failed'}`, detail: { id: newest.id, target, proof: true, detail: proof.detail },
  });
  recordAudit(ae.app.db, { username: username ?? 'scheduler', action: 'backup.prove', target, result: proof.ok ? 'ok' : 'failed', detail: { id: newest.id, detail: proof.detail } });
  return proof;
}

async function restoreTest(ae: AppEnv, b: StoredBackup, file: string): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new Error(`the file ${b.fileName} is missing`);
  // a file changed since it was made (tampered with, or rotted on disk) proves nothing, whatever it restores to
  const sha = await sha256Of(file);
  if (b.sha256 && sha !== b.sha256) throw new Error(`the file ${b.fileName} changed since it was made: sha256 ${sha.slice(0, 12)}…, recorded ${b.sha256.slice(0, 12)}…`);
  if (b.kind === 'postgres') return provePostgres(ae, b, file);
  if (b.kind === 'sqlite') return proveSqlite(ae, file);
  return proveVolume(ae, b, file);
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function provePostgres(ae: AppEnv, b: StoredBackup, file: string): Promise<Record<string, number>> {
  const c = b.meta.containerName ? ae.env.watcher.find(b.meta.containerName) : undefined;
  if (!c || c.state !== 'running') throw new Error(`the database container ${b.meta.containerName ?? '?'} is not running`);
  const user = b.meta.user ?? 'postgres';
  const scratch = `slipway_prove_${b.id}`;
  await dropDatabase(ae.env.docker, c.id, user, scratch);
  await createDatabase(ae.env.docker, c.id, user, scratch);
  try {
    await pgRestore(ae.env.docker, c.id, user, scratch, file);
    const restored = await tableCounts(ae.env.docker, c.id, user, scratch);
    return { tables: restored.size, rows: [...restored.values()].reduce((a, n) => a + n, 0) };
  } finally {
    await dropDatabase(ae.env.docker, c.id, user, scratch).catch(() => undefined);
  }
}

async function proveSqlite(ae: AppEnv, file: string): Promise<Record<string, number>> {
  // a copy: the check may leave -wal/-shm beside the file it opens, and the backup stays untouched
  const tmp = path.join(os.tmpdir(), `slipway-prove-${crypto.randomBytes(6).toString('hex')}.db`);
  fs.copyFileSync(file, tmp);
  try {
    const limits = sqliteCheckLimits(ae.app.config);
    const r = await runWorker<SqliteCheckResult>({ job: 'sqlite-check', file: tmp, fullCheckMaxBytes: limits.fullCheckMaxBytes }, undefined, limits.timeoutMs);
    return { tables: r.tables, rows: r.rows };
  } finally {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(tmp + s, { force: true });
  }
}

/** Extracts the archive into fresh volumes, archives them again and counts what came back. */
async function proveVolume(ae: AppEnv, b: StoredBackup, file: string): Promise<Record<string, number>> {
  const volumes = b.meta.volumes ?? [];
  if (!volumes.length) throw new Error('the backup names no volume');
  const scratch = volumes.map((_, i) => `slipway-prove-${b.id}-${i}-${crypto.randomBytes(3).toString('hex')}`);
  const binds = volumes.map((v, i) => `${scratch[i]}:${mountOf(v)}`);
  const tmp = path.join(os.tmpdir(), `slipway-prove-${crypto.randomBytes(6).toString('hex')}.tar.gz`);
  try {
    for (const name of scratch) await ae.env.docker.createVolume({ Name: name, Labels: { 'slipway.prove': String(b.id) } });
    const image = await helperImage(ae.env.docker, scratch[0]);
    await putVolumeArchive(ae, file, image, binds);
    const helper = await createHelper(ae, image, binds.map((x) => `${x}:ro`));
    try {
      const modem = ae.env.docker.modem as { socketPath?: string; host?: string; port?: number };
      await runWorker<DumpResult>({ job: 'dump', engine: { socketPath: modem.socketPath, host: modem.host, port: modem.port }, containerId: helper.id, path: '/backup', file: tmp, level: 1, threads: 1, progressMs: 1000 });
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
    }
    const r = await runWorker<VerifyResult>({ job: 'verify', file: tmp });
    return { files: r.files, bytes: r.bytes };
  } finally {
    fs.rmSync(tmp, { force: true });
    for (const name of scratch) await ae.env.docker.getVolume(name).remove().catch(() => undefined);
  }
}
