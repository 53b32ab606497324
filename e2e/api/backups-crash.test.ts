// Backups that go wrong, on a server of its own (port SLIPWAY_CRASH_PORT, default 3154) whose data dir
// is reused across a SIGKILL: a dump of a missing database fails with pg_dump's message and leaves no
// file; a server killed mid-backup leaves an `interrupted` row and no partial file after restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRecord } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { startServer, type RunningServer } from '../support/slipway-server';
import { docker } from '../support/containers';
import { busybox, createContainer, BUSYBOX, removeAll, startPostgres, uid } from './backups-fixtures';

const port = Number(process.env.SLIPWAY_CRASH_PORT ?? 3154);
const id = uid();
const pg = `swt-bkc-pg-${id}`;
const holder = `swt-bkc-vol-${id}`;
const bigVol = `swt-bkc-big-${id}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-backups-crash-'));
const backupsDir = path.join(dataDir, 'backups');
let server: RunningServer;
let admin: Client;

beforeAll(async () => {
  server = await startServer({ port, dataDir });
  admin = await adminClient(server.url);
  await Promise.all([
    startPostgres(pg, { 'slipway.backup.database': 'nope_db' }),
    // 400 MB of incompressible data: gzip in the server takes seconds, long enough to kill it mid-way.
    Promise.resolve().then(() => busybox([`${bigVol}:/data`], 'dd if=/dev/urandom of=/data/big.bin bs=1M count=400 2>/dev/null && echo ok')),
  ]);
  await createContainer({ name: holder, image: BUSYBOX, binds: [`${bigVol}:/data`], labels: { 'slipway.backup': 'volume' }, cmd: ['sleep', '3600'] });
  await waitFor(async () => (await admin.get(`/api/containers/${pg}`)).status === 200 && (await admin.get(`/api/containers/${holder}`)).status === 200, 'containers seen');
});

afterAll(async () => {
  if (server && server.child.exitCode !== null) console.error(`crash-test server exited early:\n${server.logs()}`);
  await server?.stop();
  // a helper of a backup cut short by this test must not keep the volume in use
  const helpers = await docker.listContainers({ all: true, filters: { label: ['slipway.backup.helper'], volume: [bigVol] } });
  await removeAll([pg, holder, ...helpers.map((h) => h.Id)], [bigVol]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const files = () => (fs.existsSync(backupsDir) ? fs.readdirSync(backupsDir) : []);

describe('backups that fail', () => {
  it('ends a dump of a database that does not exist as failed, with pg_dump\'s message, and leaves no file', async () => {
    const r = await admin.post('/api/backups', { target: pg });
    expect(r.status).toBe(202);
    const b = await waitFor(async () => {
      const x = (await admin.get(`/api/backups/${r.json.id}`)).json as BackupRecord;
      return x.status !== 'running' ? x : undefined;
    }, 'failed backup', 30_000);
    expect(b.status).toBe('failed');
    expect(b.error).toContain('pg_dump');
    expect(b.error).toContain('database "nope_db" does not exist');
    expect(b).toMatchObject({ sizeBytes: null, sha256: null, fileName: null });
    expect(files()).toEqual([]);
    expect((await admin.get(`/api/backups/${b.id}/download`)).status).toBe(409);
  });

  it('leaves an interrupted row and no partial file when the server is killed mid-backup', async () => {
    const r = await admin.post('/api/backups', { target: holder });
    expect(r.status).toBe(202);
    await waitFor(async () => ((await admin.get(`/api/backups/${r.json.id}`)).json as { progressBytes: number }).progressBytes > 1_000_000, 'backup under way', 30_000);
    expect(files().some((f) => f.endsWith('.partial'))).toBe(true);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;

    server = await startServer({ port, dataDir });
    admin = await adminClient(server.url);
    const b = (await admin.get(`/api/backups/${r.json.id}`)).json as BackupRecord;
    expect(b.status).toBe('interrupted');
    expect(b.finishedAt).not.toBeNull();
    expect(files().filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(server.logs()).toContain('1 interrupted by the last stop, 1 partial file(s) removed');
    // the never-started helper container of the killed run is removed too
    await waitFor(async () => {
      const left = await docker.listContainers({ all: true, filters: { label: ['slipway.backup.helper'], volume: [bigVol] } });
      return left.length === 0;
    }, 'helper container removed', 15_000);
  });
});
