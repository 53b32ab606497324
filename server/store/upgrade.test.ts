// Upgrade path (issue 22): every committed fixture is a store written by an earlier version, with the values
// below. Opening it with this build migrates it forward in one transaction and keeps everything; a store from
// a newer version is refused with a clear message and left byte for byte as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDb, StoreTooNewError } from './db';
import { findUser } from '../auth/users';
import { verifyPassword } from '../auth/passwords';
import { resolveBearer } from '../auth/tokens';
import { listBackups } from '../backups/catalog';

const FIXTURES = path.join(__dirname, 'fixtures');
// The token the v7 fixture was written with (scripts/make-store-fixture.ts prints it). v8.db, v9.db, … are that store
// as each later release left it (its migrations applied up to that version, nothing else), one per migration.
const V7_TOKEN = 'sw_4kO9BJ6V5WO8mjRyZoxWMMTHEnJypaC0U_BcbDbd3Bw';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-upgrade-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fixtures = fs.readdirSync(FIXTURES).filter((f) => /^v\d+\.db$/.test(f));
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('store upgrade', () => {
  it('has a fixture for every earlier version since v7 (one per migration)', () => {
    const expected = Array.from({ length: MIGRATIONS.length - 7 }, (_, i) => `v${7 + i}.db`);
    expect(fixtures.sort()).toEqual(expected.sort());
  });

  for (const name of fixtures) {
    it(`opens ${name} and keeps users, tokens, backups, switch history, environments and audit`, async () => {
      const file = path.join(tmp, name);
      fs.copyFileSync(path.join(FIXTURES, name), file);
      const db = openDb(file);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const admin = findUser(db, 'fixture-admin');
      expect(admin?.role).toBe('admin');
      expect(await verifyPassword('fixture-password-1', admin!.password_hash)).toBe(true);
      expect(findUser(db, 'fixture-viewer')?.role).toBe('viewer');
      const principal = resolveBearer(db, `Bearer ${V7_TOKEN}`);
      expect(principal?.role).toBe('operator');
      const backups = listBackups(db, { target: 'fixture-db' });
      expect(backups.map((b) => [b.status, b.sizeBytes, b.fileName])).toEqual([['verified', 1234, 'fixture-db.dump']]);
      const sw = db.prepare('SELECT group_name, from_slot, to_slot, result, duration_ms FROM slot_switches').all();
      expect(sw).toEqual([{ group_name: 'fixture-group', from_slot: 'blue', to_slot: 'green', result: 'ok', duration_ms: 321 }]);
      expect(db.prepare("SELECT url FROM environments WHERE name = 'fixture-env'").get()).toEqual({ url: 'tcp://127.0.0.1:2376' });
      expect(db.prepare("SELECT username, target, result FROM audit_log WHERE action = 'fixture.action'").all()).toEqual([
        { username: 'fixture-admin', target: 'fixture-target', result: 'ok' },
      ]);
      // migration 15 (issue 16): entries from before environments were recorded have none (the default one's)
      expect(db.prepare("SELECT env FROM audit_log WHERE action = 'fixture.action'").all()).toEqual([{ env: null }]);
      db.close();
      // a second start finds nothing to do
      const again = openDb(file);
      expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      again.close();
    });
  }

  it('refuses a store from a newer version and leaves it untouched', () => {
    const file = path.join(tmp, 'newer.db');
    fs.copyFileSync(path.join(FIXTURES, 'v7.db'), file);
    const db = openDb(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = sha(file);
    expect(() => openDb(file)).toThrow(StoreTooNewError);
    expect(() => openDb(file)).toThrow(/newer than this Slipway/);
    expect(sha(file)).toBe(before);
  });
});
