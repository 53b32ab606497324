// The events store on a real SQLite file: filters, time bounds (ISO, Unix, relative), bad input as
// HttpError 400, retention by age and by row cap.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../store/db';
import { insertEvent } from './record';
import { queryEvents, timeBound } from './query-events';
import { pruneEvents } from './retention';
import { fromAudit } from './audit-events';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-events-'));
const db = openDb(path.join(dir, 'slipway.db'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = Date.parse('2026-01-10T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const add = (env: string, project: string | null, service: string | null, kind: 'container.die' | 'container.start' | 'backup.failed', minutesAgo: number) =>
  insertEvent(db, env, { project, service, container: null, kind, summary: `${kind} ${minutesAgo}`, detail: { n: minutesAgo }, at: at(minutesAgo) });

describe('queryEvents', () => {
  add('local', 'shop', 'web', 'container.die', 5);
  add('local', 'shop', 'db', 'container.start', 30);
  add('local', 'blog', 'web', 'backup.failed', 200);
  add('other', 'shop', 'web', 'container.start', 1);
  const q = (extra: Record<string, unknown>) => queryEvents(db, { limit: 500, ...extra }, NOW);

  it('answers newest first with detail parsed', () => {
    const all = q({});
    expect(all.map((e) => e.summary)).toEqual(['container.start 1', 'container.die 5', 'container.start 30', 'backup.failed 200']);
    expect(all[1]).toMatchObject({ env: 'local', project: 'shop', service: 'web', kind: 'container.die', detail: { n: 5 }, at: at(5) });
  });
  it('filters by env, project, service, kinds and prefixes', () => {
    expect(q({ env: 'local', project: 'shop' }).map((e) => e.summary)).toEqual(['container.die 5', 'container.start 30']);
    expect(q({ service: 'web', env: 'local' }).map((e) => e.summary)).toEqual(['container.die 5', 'backup.failed 200']);
    expect(q({ kind: 'container.' }).length).toBe(3);
    expect(q({ kind: 'backup.failed,container.die' }).map((e) => e.summary)).toEqual(['container.die 5', 'backup.failed 200']);
  });
  it('takes since/until as relative, ISO or Unix seconds', () => {
    expect(q({ since: '10m' }).map((e) => e.summary)).toEqual(['container.start 1', 'container.die 5']);
    expect(q({ since: '2h', until: at(3) }).map((e) => e.summary)).toEqual(['container.die 5', 'container.start 30']);
    expect(q({ until: String((NOW - 100 * 60_000) / 1000) }).map((e) => e.summary)).toEqual(['backup.failed 200']);
  });
  it('refuses bad times and kinds with a 400', () => {
    for (const bad of [{ since: 'yesterday' }, { until: '5x' }, { since: '1m', until: '2h' }, { kind: "x'; DROP" }, { kind: 'A.B' }])
      expect(() => q(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => timeBound('since', '-5m')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('pruneEvents', () => {
  it('drops what is older than the retention, then the oldest past the cap, in batches', () => {
    for (let i = 0; i < 50; i++) add('prune', null, null, 'container.start', 60 * 24 * 40 + i); // 40 days old
    for (let i = 0; i < 30; i++) add('prune', null, null, 'container.start', i);
    const total = () => (db.prepare("SELECT count(*) AS n FROM events WHERE env = 'prune'").get() as { n: number }).n;
    expect(pruneEvents(db, 30 * 86_400_000, { nowMs: NOW, batch: 7, cap: 1_000 })).toBe(50);
    expect(total()).toBe(30);
    pruneEvents(db, 30 * 86_400_000, { nowMs: NOW, batch: 7, cap: 20 });
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(20);
    expect(queryEvents(db, { limit: 1, env: 'prune' }, NOW)[0].summary).toBe('container.start 0');
  });
});

describe('fromAudit', () => {
  it('never copies credential-like fields and scopes stack actions to their stack', () => {
    const { env, event } = fromAudit({ username: 'ann', action: 'stack.deploy', target: 'lab/shop/web', result: 'ok', detail: { password: 'hunter2', newPassword: 'x', token: 't', exitCode: 0, apiKey: 'k' } }, 'local');
    expect(env).toBe('lab');
    expect(event).toMatchObject({ kind: 'user.action', project: 'shop', service: 'web' });
    expect(JSON.stringify(event)).not.toMatch(/hunter2|"t"|"k"|newPassword/);
    expect(event.detail).toMatchObject({ username: 'ann', action: 'stack.deploy', result: 'ok' });
  });
});
