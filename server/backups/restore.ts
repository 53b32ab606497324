// Restores (admin only): PostgreSQL with pg_restore --exit-on-error --single-transaction into the same
// database (after a confirmation naming it) or a new one; SQLite and volumes into the same container or
// volume (stopping and restarting what uses it) or a new volume. Any error fails the whole restore.
import fs from 'node:fs';
import type { AppEnv } from '../app';
import type { RestoreBackupBody, RestoreResult } from '../contract';
import { HttpError } from '../http/errors';
import { backupFilePath, getBackup, type StoredBackup } from './catalog';
import { catalogEnv } from '../environments/registry';
import { createDatabase, dropDatabase, pgRestore, tableCounts } from './postgres';
import { baseOf, currentOwner, dirOf, sqliteCheckLimits, sqliteRestoreArchive, verifySqlite } from './sqlite';
import { helperImage, createHelper } from './targets';
import { mountOf, putVolumeArchive } from './volume';
import { claimTarget } from './service';

export async function restoreBackup(ae: AppEnv, id: number, body: RestoreBackupBody): Promise<RestoreResult> {
  const b = getBackup(ae.app.db, id);
  if (!b) throw new HttpError(404, `no backup ${id}`);
  const { name, defaultName } = catalogEnv(ae);
  if ((b.meta.env ?? defaultName) !== name) throw new HttpError(409, `backup ${id} belongs to environment ${b.meta.env ?? defaultName}: restore it there (?env=${b.meta.env ?? defaultName})`);
  if ((b.status !== 'verified' && b.status !== 'succeeded') || !b.fileName) throw new HttpError(409, `backup ${id} is ${b.status}: only a complete backup can be restored`);
  const file = backupFilePath(ae.app.config.dataDir, b.fileName);
  if (!fs.existsSync(file)) throw new HttpError(409, `the file of backup ${id} is missing`);
  const release = claimTarget(ae, b.target, `a restore of backup ${id}`);
  try {
    if (b.kind === 'postgres') return await restorePostgres(ae, b, file, body);
    if (b.kind === 'sqlite') return await restoreSqlite(ae, b, file, body);
    return await restoreVolume(ae, b, file, body);
  } finally {
    release();
  }
}

function runningContainer(ae: AppEnv, name: string | undefined) {
  const c = name ? ae.env.watcher.find(name) : undefined;
  if (!c || c.name !== name) throw new HttpError(409, `container ${name ?? '?'} of this backup is gone`);
  return c;
}

async function restorePostgres(ae: AppEnv, b: StoredBackup, file: string, body: RestoreBackupBody): Promise<RestoreResult> {
  const c = runningContainer(ae, b.meta.containerName);
  if (c.state !== 'running') throw new HttpError(409, `container ${c.name} is ${c.state}; the database server must run`);
  const user = b.meta.user!;
  const source = b.meta.database!;
  const base = { id: b.id, target: b.target, kind: b.kind };
  if (body.mode === 'same') {
    if (body.confirm !== source) throw new HttpError(400, `type the database name "${source}" to confirm replacing it`);
    await pgRestore(ae.env.docker, c.id, user, source, file, ['--single-transaction', '--clean', '--if-exists']).catch(fail);
    return { ...base, into: source, detail: await countsText(ae, c.id, user, source) };
  }
  const name = body.database;
  if (!name) throw new HttpError(400, 'name the new database (database)');
  if (name === source) throw new HttpError(400, 'a new database needs a name other than the source');
  await createDatabase(ae.env.docker, c.id, user, name).catch((e: Error) => {
    throw new HttpError(/already exists/.test(e.message) ? 409 : 502, `creating database ${name} failed: ${e.message}`);
  });
  try {
    await pgRestore(ae.env.docker, c.id, user, name, file, ['--single-transaction']);
  } catch (e) {
    // No half-restored database is left behind.
    await dropDatabase(ae.env.docker, c.id, user, name).catch(() => undefined);
    fail(e);
  }
  return { ...base, into: name, detail: await countsText(ae, c.id, user, name) };
}

async function countsText(ae: AppEnv, containerId: string, user: string, db: string) {
  const counts = await tableCounts(ae.env.docker, containerId, user, db);
  return `${counts.size} tables, ${[...counts.values()].reduce((a, n) => a + n, 0)} rows`;
}

function fail(e: unknown): never {
  // 502: the restore tool in the container failed (not Slipway, not the request).
  throw new HttpError(502, `restore failed: ${(e as Error).message}`);
}

async function newVolume(ae: AppEnv, name: string | undefined) {
  if (!name) throw new HttpError(400, 'name the new volume (volume)');
  const exists = await ae.env.docker.getVolume(name).inspect().then(() => true, () => false);
  if (exists) throw new HttpError(409, `volume ${name} already exists`);
  await ae.env.docker.createVolume({ Name: name, Labels: { 'slipway.backup.restored-from': 'slipway' } });
  return name;
}

async function restoreSqlite(ae: AppEnv, b: StoredBackup, file: string, body: RestoreBackupBody): Promise<RestoreResult> {
  const dbPath = b.meta.path!;
  const base = { id: b.id, target: b.target, kind: b.kind };
  await verifySqlite(file, sqliteCheckLimits(ae.app.config)); // never put a damaged file in place
  if (body.mode === 'new') {
    const vol = await newVolume(ae, body.volume);
    try {
      const helper = await createHelper(ae, await helperImage(ae.env.docker, vol), [`${vol}:/restore`]);
      try {
        await helper.putArchive(sqliteRestoreArchive(file, baseOf(dbPath), { uid: 0, gid: 0, mode: 0o644 }) as unknown as NodeJS.ReadableStream, { path: '/restore' });
      } finally {
        await helper.remove({ force: true }).catch(() => undefined);
      }
    } catch (e) {
      await ae.env.docker.getVolume(vol).remove().catch(() => undefined);
      fail(e);
    }
    return { ...base, into: `volume:${vol}/${baseOf(dbPath)}`, detail: 'database file written to the new volume' };
  }
  const c = ae.env.docker.getContainer(runningContainer(ae, b.meta.containerName).id);
  if (body.confirm !== b.target) throw new HttpError(400, `type the container name "${b.target}" to confirm replacing its database`);
  const owner = await currentOwner(c, dbPath);
  const wasRunning = (await c.inspect()).State.Running;
  if (wasRunning) await c.stop({ t: 10 });
  try {
    await c.putArchive(sqliteRestoreArchive(file, baseOf(dbPath), owner) as unknown as NodeJS.ReadableStream, { path: dirOf(dbPath) }).catch(fail);
  } finally {
    if (wasRunning) await c.start();
  }
  return { ...base, into: `${b.target}:${dbPath}`, detail: `container ${wasRunning ? 'stopped, restored and started again' : 'restored (it was not running)'}` };
}

async function restoreVolume(ae: AppEnv, b: StoredBackup, file: string, body: RestoreBackupBody): Promise<RestoreResult> {
  const volumes = b.meta.volumes ?? [];
  const base = { id: b.id, target: b.target, kind: b.kind };
  if (body.mode === 'new') {
    if (volumes.length !== 1) throw new HttpError(400, 'this archive holds several volumes: restore it into the same volumes');
    const vol = await newVolume(ae, body.volume);
    try {
      await putVolumeArchive(ae, file, await helperImage(ae.env.docker, vol), [`${vol}:${mountOf(volumes[0])}`]);
    } catch (e) {
      await ae.env.docker.getVolume(vol).remove().catch(() => undefined);
      fail(e);
    }
    return { ...base, into: `volume:${vol}`, detail: `archive of ${volumes[0]} extracted into ${vol}` };
  }
  if (body.confirm !== b.target) throw new HttpError(400, `type "${b.target}" to confirm replacing the volume contents`);
  // Whatever runs on these volumes is stopped while the files change, and started again afterwards.
  const users = new Set<string>();
  for (const v of volumes) for (const c of await ae.env.docker.listContainers({ filters: { volume: [v] } })) users.add(c.Id);
  const stopped: string[] = [];
  try {
    for (const id of users) {
      await ae.env.docker.getContainer(id).stop({ t: 10 });
      stopped.push(id);
    }
    await putVolumeArchive(ae, file, await helperImage(ae.env.docker, volumes[0]), volumes.map((v) => `${v}:${mountOf(v)}`)).catch(fail);
  } finally {
    for (const id of stopped) await ae.env.docker.getContainer(id).start().catch(() => undefined);
  }
  return { ...base, into: volumes.map((v) => `volume:${v}`).join(', '), detail: `${stopped.length} container(s) stopped and started again around the restore` };
}

