// Session bookkeeping for the sessions list (issue 17.7): the browser at sign-in, "last seen" written at
// most once a minute, and an admin's password reset reaching the principal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../store/db';
import { createSession, noteSessionClient, resolveSession } from './sessions';
import { sha256 } from './passwords';

const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sessions-')), 'slipway.db'));
db.prepare("INSERT INTO users (username, password_hash, role) VALUES ('ann', 'x', 'viewer')").run();
const row = (id: string) => db.prepare('SELECT user_agent, last_seen_at FROM sessions WHERE id_hash = ?').get(sha256(id)) as { user_agent: string | null; last_seen_at: number };

afterEach(() => vi.useRealTimers());

describe('sessions', () => {
  it('records the browser, cut to 300 characters', () => {
    const s = createSession(db, 'ann', 3600);
    noteSessionClient(db, s.id, `Firefox/128 ${'x'.repeat(400)}`);
    expect(row(s.id).user_agent).toHaveLength(300);
    expect(row(s.id).user_agent!.startsWith('Firefox/128 ')).toBe(true);
  });

  it('touches last_seen_at at most once a minute', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:00:00Z'));
    const s = createSession(db, 'ann', 3600);
    const start = Date.parse('2026-12-06T10:00:00Z');
    expect(row(s.id).last_seen_at).toBe(start);
    vi.setSystemTime(start + 59_000);
    expect(resolveSession(db, s.id)).not.toBeNull();
    expect(row(s.id).last_seen_at).toBe(start);
    vi.setSystemTime(start + 61_000);
    resolveSession(db, s.id);
    expect(row(s.id).last_seen_at).toBe(start + 61_000);
  });

  it('carries an admin reset into the principal', () => {
    const s = createSession(db, 'ann', 3600);
    expect(resolveSession(db, s.id)?.mustChangePassword).toBe(false);
    db.prepare("UPDATE users SET must_change_password = 1 WHERE username = 'ann'").run();
    expect(resolveSession(db, s.id)?.mustChangePassword).toBe(true);
    db.prepare("UPDATE users SET must_change_password = 0 WHERE username = 'ann'").run();
  });
});
