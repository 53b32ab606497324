// Backups proven over time (issue 18.5) on a real PostgreSQL container: "prove now" restore-tests the
// newest verified backup into a scratch database (dropped afterwards) and compares its counts with those
// recorded when it was made; the result shows as "last proven restorable" on the targets list; a failed
// restore test records backup.verify_failed and raises the backup alert, a passing one resolves it.
// The same for an SQLite database (a temporary copy) and a volume (fresh scratch volumes, removed
// afterwards): counts as the test wrote them; a backup file changed on disk fails its proof.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Alert, BackupProof, BackupRecord, BackupTarget, TimelineEvent } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { docker } from '../support/containers';
import { BUSYBOX, SQLITE_IMAGE, busybox, createContainer, psql, removeAll, sh, startPostgres, uid } from './backups-fixtures';

const base = inject('slipwayUrl');
const dataDir = inject('slipwayDataDir');
const pg = `swt-prove-pg-${uid()}`;
const badLabel = `swt-prove-bad-${uid()}`;
const sqliteApp = `swt-prove-sqlite-${uid()}`;
const sqliteVol = `swt-prove-sqlvol-${uid()}`;
const vol = `swt-prove-vol-${uid()}`;
let admin: Client;

beforeAll(async () => {
  admin = await adminClient(base);
  await Promise.all([
    startPostgres(pg, {}),
    // 2 tables, 120 + 7 rows
    createContainer({
      name: sqliteApp, image: SQLITE_IMAGE, binds: [`${sqliteVol}:/data`],
      labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/app.db' },
      cmd: ['sh', '-c', 'sqlite3 /data/app.db "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 120) INSERT INTO notes (body) SELECT \'note \' || x FROM s; CREATE TABLE tags (t TEXT); INSERT INTO tags VALUES (\'a\'),(\'b\'),(\'c\'),(\'d\'),(\'e\'),(\'f\'),(\'g\');" && exec sleep 3600'],
    }),
  ]);
  psql(pg, 'appdb', 'CREATE TABLE items (id int); INSERT INTO items SELECT generate_series(1, 100); CREATE TABLE tags (name text); INSERT INTO tags VALUES (\'a\'), (\'b\'), (\'c\');');
  // 5 files of 1,000 + 2,000 + 3,000 + 4,000 + 5,000 bytes, two of them in a folder
  busybox([`${vol}:/data`], 'mkdir -p /data/sub && for n in 1 2 3; do head -c ${n}000 /dev/urandom > /data/f$n.bin; done && head -c 4000 /dev/urandom > /data/sub/g4.bin && head -c 5000 /dev/urandom > /data/sub/g5.bin');
  await waitFor(async () => {
    try {
      return sh('docker', ['exec', sqliteApp, 'sqlite3', '/data/app.db', 'SELECT count(*) FROM tags']).trim() === '7';
    } catch {
      return false;
    }
  }, 'sqlite app ready');
}, 120_000);

afterAll(async () => {
  await removeAll([pg, badLabel, sqliteApp], [sqliteVol, vol]);
});

async function verifiedBackup(t: string): Promise<BackupRecord> {
  const started = await admin.post('/api/backups', { target: t });
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  const b = await waitFor(async () => {
    const r = (await admin.get(`/api/backups/${started.json.id}`)).json as BackupRecord;
    return r.status !== 'running' && r.status !== 'succeeded' && r;
  }, `backup of ${t} finished`, 90_000);
  expect(b.status, b.error ?? '').toBe('verified');
  return b;
}

const prove = async (t: string) => {
  const r = await admin.post('/api/backups/prove', { target: t });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as BackupProof;
};

/** What a proof leaves behind on this machine and engine: scratch SQLite copies, scratch volumes, helper containers. */
async function scratchLeft(): Promise<Set<string>> {
  const files = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('slipway-prove-')).map((f) => `file:${f}`);
  const volumes = ((await docker.listVolumes({ filters: { label: ['slipway.prove'] } })).Volumes ?? []).map((v) => `volume:${v.Name}`);
  const helpers = (await docker.listContainers({ all: true, filters: { label: ['slipway.backup.helper'] } })).map((c) => `container:${c.Id}`);
  return new Set([...files, ...volumes, ...helpers]);
}
const added = (before: Set<string>, after: Set<string>) => [...after].filter((x) => !before.has(x));

/** A changed backup file fails its proof, records backup.verify_failed and opens the backup alert; the original back resolves it. */
async function tamperedFails(t: string, b: BackupRecord, change: (file: string) => void) {
  const rule = await admin.post('/api/alerts/rules', { name: `proof-${uid()}`, kind: 'backup_failed', severity: 'critical' });
  expect(rule.status).toBe(200);
  const file = path.join(dataDir, 'backups', b.fileName!);
  const original = fs.readFileSync(file);
  try {
    change(file);
    const failed = await prove(t);
    expect(failed).toMatchObject({ ok: false, backupId: b.id });
    expect(failed.detail).toMatch(/changed since it was made/);
    const event = await waitFor(async () => ((await admin.get('/api/events?kind=backup.verify_failed&since=10m')).json as TimelineEvent[]).find((e) => e.detail?.target === t && e.detail?.id === b.id), 'backup.verify_failed recorded');
    expect(event.severity).toBe('critical');
    const open = await waitFor(async () => ((await admin.get('/api/alerts?status=open')).json as Alert[]).find((a) => a.ruleId === rule.json.id && a.key === `local/backup:${t}`), 'backup alert open');
    expect(open.severity).toBe('critical');
    expect((await target(t))?.lastProof).toMatchObject({ ok: false, backupId: b.id });

    fs.writeFileSync(file, original);
    expect(await prove(t)).toMatchObject({ ok: true, backupId: b.id });
    await waitFor(async () => ((await admin.get('/api/alerts')).json as Alert[]).find((a) => a.id === open.id && a.status === 'resolved'), 'backup alert resolved');
  } finally {
    fs.writeFileSync(file, original);
    await admin.req('DELETE', `/api/alerts/rules/${rule.json.id}`);
  }
}

const target = async (name: string) => ((await admin.get('/api/backups/targets')).json as BackupTarget[]).find((t) => t.target === name);

describe('backups proven over time', () => {
  it('restore-tests the newest verified backup into a scratch database and shows when it was last proven', async () => {
    const started = await admin.post('/api/backups', { target: pg });
    expect(started.status).toBe(202);
    const id = started.json.id as number;
    const b = await waitFor(async () => {
      const r = (await admin.get(`/api/backups/${id}`)).json as BackupRecord;
      return r.status !== 'running' && r.status !== 'succeeded' && r;
    }, 'backup verified', 60_000);
    expect(b.status, b.error ?? '').toBe('verified');
    expect((await target(pg))?.lastProvenAt).toBeNull();

    const op = await clientWithRole(base, 'operator');
    const r = await op.post('/api/backups/prove', { target: pg });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const proof = r.json as BackupProof;
    expect(proof).toMatchObject({ ok: true, backupId: id, counts: { tables: 2, rows: 103 } });
    // the scratch database is gone
    expect(psql(pg, 'appdb', "SELECT count(*) FROM pg_database WHERE datname LIKE 'slipway_prove_%'")).toBe('0');

    const t = await target(pg);
    expect(t).toMatchObject({ lastProvenAt: proof.at, lastProof: { ok: true, backupId: id }, verifySchedule: '30 3 * * 0' });
    expect(Date.parse(t!.verifyNextRun!)).toBeGreaterThan(Date.now());

    const viewer = await clientWithRole(base, 'viewer');
    expect((await viewer.post('/api/backups/prove', { target: pg })).status).toBe(403);
  });

  it('a failed restore test raises the backup alert; a passing one resolves it and keeps the last proven date', async () => {
    const rule = await admin.post('/api/alerts/rules', { name: `proof-${pg}`, kind: 'backup_failed', severity: 'critical' });
    expect(rule.status).toBe(200);
    const provenBefore = (await target(pg))!.lastProvenAt;

    // the database server is stopped: the restore test cannot run, and says so
    await docker.getContainer(pg).stop({ t: 10 });
    await waitFor(async () => (await target(pg))?.state === 'exited', 'postgres stopped');
    const failed = (await admin.post('/api/backups/prove', { target: pg })).json as BackupProof;
    expect(failed.ok).toBe(false);
    expect(failed.detail).toMatch(/not running/);
    const t = await target(pg);
    expect(t?.lastProvenAt).toBe(provenBefore);
    expect(t?.lastProof).toMatchObject({ ok: false });
    const open = await waitFor(async () => ((await admin.get('/api/alerts?status=open')).json as Alert[]).find((a) => a.ruleId === rule.json.id), 'backup alert open');
    expect(open).toMatchObject({ key: `local/backup:${pg}`, severity: 'critical' });

    await docker.getContainer(pg).start();
    await waitFor(async () => {
      try {
        return psql(pg, 'appdb', 'SELECT count(*) FROM items') === '100';
      } catch {
        return false;
      }
    }, 'postgres back', 60_000, 250);
    const passed = (await admin.post('/api/backups/prove', { target: pg })).json as BackupProof;
    expect(passed.ok, passed.detail).toBe(true);
    await waitFor(async () => ((await admin.get('/api/alerts')).json as Alert[]).find((a) => a.id === open.id && a.status === 'resolved'), 'backup alert resolved');
    await admin.req('DELETE', `/api/alerts/rules/${rule.json.id}`);
  });

  it('proves an SQLite backup by its tables and rows, in a copy removed afterwards; a tampered file fails and raises the alert', async () => {
    const b = await verifiedBackup(sqliteApp);
    const before = await scratchLeft();
    const proof = await prove(sqliteApp);
    expect(proof, proof.detail).toMatchObject({ ok: true, backupId: b.id, counts: { tables: 2, rows: 127 } });
    expect(added(before, await scratchLeft())).toEqual([]);
    expect(await target(sqliteApp)).toMatchObject({ lastProvenAt: proof.at, lastProof: { ok: true, backupId: b.id } });

    // a few bytes in the middle of the database changed: its sha256 no longer matches the one recorded
    await tamperedFails(sqliteApp, b, (file) => {
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.from('tampered'), 0, 8, 4096 + 100);
      fs.closeSync(fd);
    });
    expect(added(before, await scratchLeft())).toEqual([]);
  });

  it('proves a volume backup by its files and bytes in fresh volumes removed afterwards; a truncated archive fails', async () => {
    const t = `volume:${vol}`;
    const b = await verifiedBackup(t);
    const before = await scratchLeft();
    const proof = await prove(t);
    expect(proof, proof.detail).toMatchObject({ ok: true, backupId: b.id, counts: { files: 5, bytes: 15_000 } });
    // the scratch volumes and the helper are gone from the engine
    expect(added(before, await scratchLeft())).toEqual([]);

    await tamperedFails(t, b, (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)));
    expect(added(before, await scratchLeft())).toEqual([]);
  });

  it('refuses a slipway.backup.verify schedule with a seconds field, and a target with no verified backup', async () => {
    await createContainer({ name: badLabel, image: BUSYBOX, cmd: ['sleep', '3600'], labels: { 'slipway.backup': 'volume', 'slipway.backup.verify': '*/5 * * * * *' } });
    const t = await waitFor(async () => (await target(badLabel))?.verifyScheduleError ?? null, 'schedule error shown');
    expect(t).toMatch(/seconds field/);
    const r = await admin.post('/api/backups/prove', { target: badLabel });
    expect(r.status).toBe(409);
  });
});
