// Backups against real sources: PostgreSQL with data, an SQLite app, a volume. Each backup is verified,
// downloads match the catalog's sha256, restores bring the data back, retention keeps N.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { BackupRecord } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { BUSYBOX, SQLITE_IMAGE, busybox, createContainer, psql, removeAll, sh, startPostgres, uid } from './backups-fixtures';

const base = inject('slipwayUrl');
const id = uid();
const pg = `swt-bk-pg-${id}`;
const app = `swt-bk-sqlite-${id}`;
const noSqlite = `swt-bk-nosqlite-${id}`;
const stopper = `swt-bk-stop-${id}`;
const appVol = `swt-bk-appdata-${id}`;
const vol = `swt-bk-vol-${id}`;
const newDb = `restored_${id}`;
const newVol = `swt-bk-restored-${id}`;
const newSqliteVol = `swt-bk-sqlrest-${id}`;
const sched = `swt-bk-sched-${id}`;
let admin: Client;

const sqlite = (sql: string) => sh('docker', ['exec', app, 'sqlite3', '/data/app.db', sql]).trim();

async function backup(target: string, client = admin): Promise<BackupRecord> {
  const r = await client.post('/api/backups', { target });
  expect(r.status, JSON.stringify(r.json)).toBe(202);
  return waitFor(async () => {
    const b = (await admin.get(`/api/backups/${r.json.id}`)).json as BackupRecord;
    return b.status !== 'running' && b.status !== 'succeeded' ? b : undefined;
  }, `backup of ${target} to finish`, 90_000, 200);
}

async function download(b: BackupRecord, client = admin) {
  const res = await fetch(`${base}/api/backups/${b.id}/download`, { headers: { cookie: client.cookie! } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, header: res.headers.get('x-backup-sha256'), sha: crypto.createHash('sha256').update(buf).digest('hex'), size: buf.length };
}

beforeAll(async () => {
  admin = await adminClient(base);
  await Promise.all([
    startPostgres(pg, {}).then(() => {
      psql(pg, 'appdb', "CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 1234) g; CREATE TABLE tags (t text); INSERT INTO tags VALUES ('a'), ('b')");
    }),
    createContainer({
      name: app, image: SQLITE_IMAGE, binds: [`${appVol}:/data`],
      labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/app.db', 'slipway.backup.retain': '2' },
      cmd: ['sh', '-c', 'sqlite3 /data/app.db "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)" && exec sleep 3600'],
    }),
    createContainer({ name: noSqlite, image: BUSYBOX, labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/db.sqlite' }, cmd: ['sh', '-c', 'mkdir -p /data/db.sqlite && exec sleep 3600'] }),
    createContainer({ name: stopper, image: BUSYBOX, labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/db.sqlite', 'slipway.backup.stop': 'true' }, cmd: ['sh', '-c', 'mkdir -p /data/db.sqlite && exec sleep 3600'] }),
  ]);
  await waitFor(async () => sqlite('SELECT count(*) FROM notes') === '0', 'sqlite app ready');
  sqlite("WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 300) INSERT INTO notes (body) SELECT 'note ' || x FROM s");
  busybox([`${vol}:/data`], 'echo hello > /data/a.txt && mkdir -p /data/sub && head -c 200000 /dev/urandom > /data/sub/b.bin && md5sum /data/sub/b.bin > /data/sum.txt');
  // the watcher sees the new containers
  await waitFor(async () => ((await admin.get('/api/backups/targets')).json as { target: string }[]).filter((t) => [pg, app, noSqlite, stopper].includes(t.target)).length === 4, 'targets listed');
});

afterAll(async () => {
  await removeAll([pg, app, noSqlite, stopper, sched], [appVol, vol, newVol, newSqliteVol]);
});

describe('backups', () => {
  let pgBackup: BackupRecord;

  it('backs up PostgreSQL with pg_dump -Fc, verifies it by a scratch restore, and the download matches the sha256', async () => {
    pgBackup = await backup(pg);
    expect(pgBackup, pgBackup.error ?? '').toMatchObject({ target: pg, kind: 'postgres', status: 'verified', trigger: 'manual', username: 'admin', source: 'appdb' });
    expect(pgBackup.verify).toContain('2 tables, 1236 rows');
    expect(pgBackup.sizeBytes).toBeGreaterThan(100);
    const d = await download(pgBackup);
    expect(d.status).toBe(200);
    expect(d.sha).toBe(pgBackup.sha256);
    expect(d.header).toBe(pgBackup.sha256);
    expect(d.size).toBe(pgBackup.sizeBytes);
    // the scratch database is gone again
    expect(psql(pg, 'appdb', "SELECT count(*) FROM pg_database WHERE datname LIKE 'slipway_verify_%'")).toBe('0');
  });

  it('restores the PostgreSQL dump into a new database with the same row count', async () => {
    const r = await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'new', database: newDb });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ into: newDb, kind: 'postgres' });
    expect(psql(pg, newDb, 'SELECT count(*) FROM items')).toBe('1234');
    // a second restore into the same new name is a conflict, not a half-done change
    expect((await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'new', database: newDb })).status).toBe(409);
  });

  it('restores into the same database only after a confirmation naming it', async () => {
    psql(pg, 'appdb', 'DELETE FROM items WHERE id > 1000');
    const wrong = await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'same', confirm: 'yes' });
    expect(wrong.status).toBe(400);
    expect(psql(pg, 'appdb', 'SELECT count(*) FROM items')).toBe('1000');
    const r = await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'same', confirm: 'appdb' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(psql(pg, 'appdb', 'SELECT count(*) FROM items')).toBe('1234');
  });

  it('backs up SQLite with the backup API, passes integrity_check, and a restore brings the data back', async () => {
    const b = await backup(app);
    expect(b, b.error ?? '').toMatchObject({ kind: 'sqlite', status: 'verified', source: '/data/app.db' });
    expect(b.verify).toContain('integrity_check ok: 1 tables, 300 rows');
    expect((await download(b)).sha).toBe(b.sha256);
    sqlite('DELETE FROM notes WHERE id > 10');
    expect(sqlite('SELECT count(*) FROM notes')).toBe('10');
    const r = await admin.post(`/api/backups/${b.id}/restore`, { mode: 'same', confirm: app });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await waitFor(async () => (await admin.get(`/api/containers/${app}`)).json?.state === 'running', 'app running again');
    expect(sqlite('SELECT count(*) FROM notes')).toBe('300');
    // into a new volume
    const n = await admin.post(`/api/backups/${b.id}/restore`, { mode: 'new', volume: newSqliteVol });
    expect(n.status, JSON.stringify(n.json)).toBe(200);
    expect(sh('docker', ['run', '--rm', '--network', 'host', '-v', `${newSqliteVol}:/r`, SQLITE_IMAGE, 'sqlite3', '/r/app.db', 'SELECT count(*) FROM notes']).trim()).toBe('300');
  });

  it('backs up a volume through the archive endpoint, reads it through, and restores it in place and into a new volume', async () => {
    const b = await backup(`volume:${vol}`);
    expect(b, b.error ?? '').toMatchObject({ target: `volume:${vol}`, kind: 'volume', status: 'verified' });
    expect(b.verify).toMatch(/3 files, 2000\d\d bytes/);
    expect((await download(b)).sha).toBe(b.sha256);
    busybox([`${vol}:/data`], 'rm /data/a.txt && echo changed > /data/sub/b.bin');
    const r = await admin.post(`/api/backups/${b.id}/restore`, { mode: 'same', confirm: `volume:${vol}` });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(busybox([`${vol}:/data`], 'cat /data/a.txt && md5sum -c /data/sum.txt')).toContain('hello');
    const n = await admin.post(`/api/backups/${b.id}/restore`, { mode: 'new', volume: newVol });
    expect(n.status, JSON.stringify(n.json)).toBe(200);
    expect(busybox([`${newVol}:/data`], 'cat /data/a.txt && md5sum -c /data/sum.txt')).toContain('hello');
  });

  it('resumes a paused container, and starts a stopped one, after a failed file-copy backup', async () => {
    const paused = await backup(noSqlite);
    expect(paused.status).toBe('failed');
    expect(paused.error).toContain('not a database file');
    expect(paused.fileName).toBeNull();
    expect(sh('docker', ['inspect', '-f', '{{.State.Status}}', noSqlite]).trim()).toBe('running');
    const stopped = await backup(stopper);
    expect(stopped.status).toBe('failed');
    expect(sh('docker', ['inspect', '-f', '{{.State.Status}}', stopper]).trim()).toBe('running');
  });

  it('retention keeps the newest N verified backups and never the newest verified one', async () => {
    const runs: BackupRecord[] = [];
    for (let i = 0; i < 3; i++) runs.push(await backup(app));
    expect(runs.every((r) => r.status === 'verified')).toBe(true);
    const left = ((await admin.get(`/api/backups?target=${app}&status=verified`)).json as BackupRecord[]).map((b) => b.id);
    expect(left).toEqual([runs[2].id, runs[1].id]);
    const audit = (await admin.get('/api/audit?limit=50')).json as { action: string; target: string }[];
    expect(audit.some((a) => a.action === 'backup.retention' && a.target === app)).toBe(true);
  });

  it('runs scheduled backups from slipway.backup.schedule with the scheduler', async () => {
    await createContainer({
      name: sched, image: SQLITE_IMAGE, binds: [`${appVol}:/data`], cmd: ['sleep', '3600'],
      labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/app.db', 'slipway.backup.schedule': '* * * * *', 'slipway.backup.retain': '1' },
    });
    try {
      const t = await waitFor(async () => ((await admin.get('/api/backups/targets')).json as { target: string; nextRun: string | null }[]).find((x) => x.target === sched && x.nextRun), 'schedule listed');
      expect(Date.parse(t.nextRun!)).toBeGreaterThan(Date.now() - 1000);
      // five-field cron (a seconds field is refused, issue 15): the next whole minute, then the backup
      const b = await waitFor(async () => ((await admin.get(`/api/backups?target=${sched}&status=verified`)).json as BackupRecord[])[0], 'a scheduled backup', 80_000, 500);
      expect(b).toMatchObject({ trigger: 'schedule', username: null, kind: 'sqlite' });
    } finally {
      await removeAll([sched], []);
    }
  }, 100_000);

  it('validates names: ../ in a target, a database or a volume is 400', async () => {
    for (const target of ['../etc', 'volume:../x', 'a/../b', 'volume:..', 'x;rm -rf /'])
      expect((await admin.post('/api/backups', { target })).status, target).toBe(400);
    expect((await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'new', database: '../x' })).status).toBe(400);
    expect((await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'new', database: 'x; DROP DATABASE appdb' })).status).toBe(400);
    expect((await admin.post(`/api/backups/${pgBackup.id}/restore`, { mode: 'new', volume: '../v' })).status).toBe(400);
    expect((await admin.get('/api/backups/..%2F..%2Fetc')).status).toBe(400);
    expect((await admin.get('/api/backups/..%2F..%2Fetc/download')).status).toBe(400);
    expect((await admin.post('/api/backups', { target: `no-such-container-${id}` })).status).toBe(404);
  });

  it('lets operators run and download, keeps restore and delete for admins, and audits', async () => {
    const op = await clientWithRole(base, 'operator');
    const viewer = await clientWithRole(base, 'viewer');
    expect((await viewer.post('/api/backups', { target: `volume:${vol}` })).status).toBe(403);
    const b = await backup(`volume:${vol}`, op);
    expect(b.status).toBe('verified');
    expect((await download(b, op)).status).toBe(200);
    expect((await download(b, viewer)).status).toBe(403);
    expect((await op.post(`/api/backups/${b.id}/restore`, { mode: 'same', confirm: `volume:${vol}` })).status).toBe(403);
    expect((await op.req('DELETE', `/api/backups/${b.id}`)).status).toBe(403);
    const del = await admin.req('DELETE', `/api/backups/${b.id}`);
    expect(del.status).toBe(200);
    expect((await admin.get(`/api/backups/${b.id}`)).status).toBe(404);
    const audit = (await admin.get('/api/audit?limit=100')).json as { action: string; result: string }[];
    for (const action of ['backup.run', 'backup.download', 'backup.restore', 'backup.delete']) expect(audit.some((a) => a.action === action), action).toBe(true);
    expect(audit.some((a) => a.result === 'denied')).toBe(true);
  });
});
