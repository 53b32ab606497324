// Issue 16: an audit entry names the environment it happened in, taken from the work under way; `?env=`
// narrows the log to one environment, the default one keeping the entries recorded before (env null).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../store/db';
import type { Principal } from '../auth/permissions';
import { listAudit, recordAudit } from './audit-log';
import { inEnvironment } from './audit-env';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-audit-env-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const admin = { username: 'root', role: 'admin', via: 'session' } as Principal;

describe('audit environment', () => {
  const db = openDb(path.join(dir, 'store.db'));
  db.prepare("INSERT INTO audit_log (username, action, target, result) VALUES ('old', 'old.action', 't', 'ok')").run(); // a row from before
  recordAudit(db, { username: 'u', action: 'outside', target: 't', result: 'ok' });
  inEnvironment('edge', () => recordAudit(db, { username: 'u', action: 'in-edge', target: 't', result: 'ok' }));
  it('takes the environment of the work under way, also after an await, and none outside any', async () => {
    await inEnvironment('main', async () => {
      await new Promise((r) => setTimeout(r, 1));
      recordAudit(db, { username: 'u', action: 'in-main', target: 't', result: 'ok' });
    });
    inEnvironment('main', () => recordAudit(db, { username: 'u', action: 'explicit', target: 't', result: 'ok', env: 'edge' }));
    const all = listAudit(db, 10, admin).map((e) => `${e.action}@${e.env}`);
    expect(all).toEqual(['explicit@edge', 'in-main@main', 'in-edge@edge', 'outside@null', 'old.action@null']);
  });

  it('filters by environment; the default one includes entries without one', () => {
    const of = (name: string, isDefault: boolean) => listAudit(db, 10, admin, {}, undefined, { name, isDefault }).map((e) => e.action);
    expect(of('edge', false)).toEqual(['explicit', 'in-edge']);
    expect(of('main', true)).toEqual(['in-main', 'outside', 'old.action']);
    expect(of('other', false)).toEqual([]);
  });
});
