// Backups proven over time (issue 18.5) on a real PostgreSQL container: "prove now" restore-tests the
// newest verified backup into a scratch database (dropped afterwards) and compares its counts with those
// recorded when it was made; the result shows as "last proven restorable" on the targets list; a failed
// restore test records backup.verify_failed and raises the backup alert, a passing one resolves it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Alert, BackupProof, BackupRecord, BackupTarget } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { docker } from '../support/containers';
import { BUSYBOX, createContainer, psql, removeAll, startPostgres, uid } from './backups-fixtures';

const base = inject('slipwayUrl');
const pg = `swt-prove-pg-${uid()}`;
const badLabel = `swt-prove-bad-${uid()}`;
let admin: Client;

beforeAll(async () => {
  admin = await adminClient(base);
  await startPostgres(pg, {});
  psql(pg, 'appdb', 'CREATE TABLE items (id int); INSERT INTO items SELECT generate_series(1, 100); CREATE TABLE tags (name text); INSERT INTO tags VALUES (\'a\'), (\'b\'), (\'c\');');
}, 120_000);

afterAll(async () => {
  await removeAll([pg, badLabel], []);
});

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

  it('refuses a slipway.backup.verify schedule with a seconds field, and a target with no verified backup', async () => {
    await createContainer({ name: badLabel, image: BUSYBOX, cmd: ['sleep', '3600'], labels: { 'slipway.backup': 'volume', 'slipway.backup.verify': '*/5 * * * * *' } });
    const t = await waitFor(async () => (await target(badLabel))?.verifyScheduleError ?? null, 'schedule error shown');
    expect(t).toMatch(/seconds field/);
    const r = await admin.post('/api/backups/prove', { target: badLabel });
    expect(r.status).toBe(409);
  });
});
