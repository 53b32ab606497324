// Issue 15, backups: labels are the container's word, not authority (2b, 2c), and a SQLite backup's
// integrity check never freezes the server (5). Expected behaviour written here from the issue.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BackupRecord, BackupTarget } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { SQLITE_IMAGE, busybox, createContainer, removeAll, sh, uid } from './backups-fixtures';

const base = inject('slipwayUrl');
const id = uid();
const mine = `swt-sec-mine-${id}`;
const foreign = `swt-sec-foreign-${id}`;
const thief = `swt-sec-thief-${id}`;
const everySecond = `swt-sec-cron-${id}`;
const big = `swt-sec-bigsqlite-${id}`;
const bigVol = `swt-sec-bigdata-${id}`;
let admin: Client;

beforeAll(async () => {
  admin = await adminClient(base);
  busybox([`${mine}:/m`, `${foreign}:/f`, `${bigVol}:/b`], 'echo mine > /m/file; echo secret-of-another-project > /f/file');
  await Promise.all([
    // mounts only `mine`, but its label asks for `foreign` too
    createContainer({ name: thief, image: SQLITE_IMAGE, binds: [`${mine}:/data`], cmd: ['sleep', '3600'], labels: { 'slipway.backup': 'volume', 'slipway.backup.volumes': `${mine},${foreign}` } }),
    createContainer({
      name: everySecond, image: SQLITE_IMAGE, binds: [`${mine}:/data`], cmd: ['sleep', '3600'],
      labels: { 'slipway.backup': 'volume', 'slipway.backup.schedule': '*/1 * * * * *' },
    }),
  ]);
  await waitFor(async () => ((await admin.get('/api/backups/targets')).json as BackupTarget[]).some((t) => t.target === everySecond), 'targets listed');
});

afterAll(async () => {
  await removeAll([thief, everySecond, big], [mine, foreign, bigVol]);
});

const backupsOf = async (target: string) => (await admin.get(`/api/backups?target=${target}`)).json as BackupRecord[];

describe('2b. slipway.backup.volumes', () => {
  it('may name only volumes the container mounts: another volume is refused with 400 and nothing is backed up', async () => {
    const r = await admin.post('/api/backups', { target: thief });
    expect(r.status).toBe(400);
    expect(r.json.error).toContain(foreign);
    expect(await backupsOf(thief)).toEqual([]);
  });
});

describe('2c. cron schedules', () => {
  it('refuse a seconds field: the target shows why and no run is planned', async () => {
    // the scheduler takes the new container up from the watcher's events: wait until it has a verdict
    const t = await waitFor(async () => {
      const x = ((await admin.get('/api/backups/targets')).json as BackupTarget[]).find((y) => y.target === everySecond);
      return x && (x.scheduleError !== null || x.nextRun !== null) ? x : undefined;
    }, 'the schedule handled');
    expect(t.scheduleError).toMatch(/seconds/);
    expect(t.nextRun).toBeNull();
    expect(await backupsOf(everySecond)).toEqual([]);
  });
});

describe('5. the SQLite integrity check', () => {
  it('runs off the main thread: the server keeps answering while a big database is verified', async () => {
    // ~80 MB with an index: PRAGMA integrity_check takes seconds here, which used to stall every request
    await createContainer({ name: big, image: SQLITE_IMAGE, binds: [`${bigVol}:/data`], cmd: ['sleep', '3600'], labels: { 'slipway.backup': 'sqlite', 'slipway.backup.path': '/data/app.db' } });
    sh('docker', ['exec', big, 'sqlite3', '/data/app.db',
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX notes_body ON notes(body); WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 400000) INSERT INTO notes (body) SELECT hex(randomblob(40)) || x FROM s;"]);
    await waitFor(async () => ((await admin.get('/api/backups/targets')).json as BackupTarget[]).some((t) => t.target === big), 'big target listed');

    const started = await admin.post('/api/backups', { target: big });
    expect(started.status).toBe(202);
    let worst = 0;
    let done: BackupRecord | undefined;
    // every request is timed: a blocked event loop delays whichever one is in flight
    const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        worst = Math.max(worst, performance.now() - t0);
      }
    };
    while (!done) {
      expect((await timed(() => fetch(`${base}/api/health`))).status).toBe(200);
      const b = (await timed(() => admin.get(`/api/backups/${started.json.id}`))).json as BackupRecord;
      if (b.status !== 'running' && b.status !== 'succeeded') done = b;
    }
    expect(done.status, done.error ?? '').toBe('verified');
    expect(done.verify).toMatch(/integrity_check ok: 1 tables, 400000 rows/);
    // A stall of the whole check would be seconds; answering within a second means the loop stayed free.
    expect(worst, `slowest /api/health: ${Math.round(worst)} ms`).toBeLessThan(1000);
  }, 180_000);
});
