// Accounts (issue 17.7): an admin's password reset forces a change at next sign-in (enforced by the
// server on every route, socket event and page), your own sessions listed and revoked, token expiry.
import { describe, expect, inject, it } from 'vitest';
import { adminClient, Client } from '../support/http';
import { connectSocket, emitAck } from '../support/sockets';

const base = inject('slipwayUrl');
let seq = 0;

async function newUser(role: 'viewer' | 'operator' | 'admin' = 'viewer') {
  const admin = await adminClient(base);
  const username = `acct-${process.pid}-${Date.now().toString(36)}-${seq++}`;
  const r = await admin.post('/api/users', { username, password: 'first-pass-123', role });
  expect(r.status).toBe(200);
  return { admin, username };
}

describe('admin password reset', () => {
  it('ends the user sessions, and the next sign-in can only change the password or sign out', async () => {
    const { admin, username } = await newUser('operator');
    const before = await new Client(base).login(username, 'first-pass-123');
    expect((await before.get('/api/stacks')).status).toBe(200);

    const reset = await admin.post(`/api/users/${username}/password`, { password: 'temp-pass-456' });
    expect(reset.status).toBe(200);
    expect(reset.json.revokedSessions).toBe(1);
    expect((await before.get('/api/auth/me')).status).toBe(401); // the old session is over
    const listed = (await admin.get('/api/users')).json as { username: string; mustChangePassword: boolean }[];
    expect(listed.find((u) => u.username === username)?.mustChangePassword).toBe(true);

    const c = new Client(base);
    const login = await c.post('/api/auth/login', { username, password: 'temp-pass-456' });
    expect(login.status).toBe(200);
    expect(login.json.mustChangePassword).toBe(true);
    // only me, the account's security and the password change answer; everything else is 403 needs: password
    expect((await c.get('/api/auth/me')).json).toMatchObject({ username, mustChangePassword: true });
    expect((await c.get('/api/auth/security')).status).toBe(200);
    for (const [method, path] of [['GET', '/api/stacks'], ['GET', '/api/containers'], ['GET', '/api/audit'], ['GET', '/api/auth/sessions'], ['POST', '/api/containers/nope/restart']]) {
      const r = await c.req(method, path);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.json.needs, `${method} ${path}`).toBe('password');
    }
    // a socket event is refused the same way
    const socket = await connectSocket(base, { cookie: c.cookie, origin: base });
    try {
      const ack = await emitAck<{ ok: boolean; status: number; needs?: string }>(socket, 'stats:subscribe', { containerId: 'nope' });
      expect(ack).toMatchObject({ ok: false, status: 403, needs: 'password' });
    } finally {
      socket.disconnect();
    }
    // pages: every page but the account page goes to the change-password form
    const page = (path: string) => fetch(`${base}${path}`, { redirect: 'manual', headers: { accept: 'text/html', cookie: c.cookie! } });
    const r = await page('/stacks');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/account?password=1');
    expect((await page('/account')).status).toBe(200);

    // the temporary password cannot be kept
    expect((await c.post('/api/auth/password', { current: 'temp-pass-456', next: 'temp-pass-456' })).status).toBe(400);
    const changed = await c.post('/api/auth/password', { current: 'temp-pass-456', next: 'own-pass-789' });
    expect(changed.status).toBe(200);
    expect((await c.get('/api/stacks')).status).toBe(200);
    expect((await c.get('/api/auth/me')).json.mustChangePassword).toBeUndefined();
    expect((await page('/stacks')).status).toBe(200);

    const audit = (await admin.get('/api/audit?limit=100')).json as { action: string; target: string; username: string; result: string }[];
    expect(audit.find((e) => e.action === 'user.password-reset' && e.target === username)).toMatchObject({ username: 'admin', result: 'ok' });
    expect(audit.find((e) => e.action === 'password.change' && e.target === username)).toMatchObject({ result: 'ok' });
  });

  it('refuses a short password, an unknown user and resetting yourself, changing nothing', async () => {
    const { admin, username } = await newUser();
    const short = await admin.post(`/api/users/${username}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect((await admin.post(`/api/users/${username}/password`, { password: 'long-enough-1', extra: 1 })).status).toBe(400);
    expect((await admin.post(`/api/users/no-such-user-${Date.now()}/password`, { password: 'long-enough-1' })).status).toBe(404);
    expect((await admin.post('/api/users/admin/password', { password: 'long-enough-1' })).status).toBe(400);
    const listed = (await admin.get('/api/users')).json as { username: string; mustChangePassword: boolean }[];
    expect(listed.find((u) => u.username === username)?.mustChangePassword).toBe(false);
    await new Client(base).login(username, 'first-pass-123'); // still the old password
  });
});

describe('own sessions', () => {
  it('lists your sessions with browser and last seen, and revokes another one at once', async () => {
    const { username } = await newUser();
    const laptop = new Client(base);
    await laptop.req('POST', '/api/auth/login', { username, password: 'first-pass-123' }, { 'user-agent': 'Laptop-Browser/1.0' });
    const phone = new Client(base);
    await phone.req('POST', '/api/auth/login', { username, password: 'first-pass-123' }, { 'user-agent': 'Phone-Browser/2.0' });

    const list = await laptop.get('/api/auth/sessions');
    expect(list.status).toBe(200);
    const sessions = list.json as { id: string; current: boolean; userAgent: string; lastSeenAt: string; createdAt: string; expiresAt: string }[];
    expect(sessions).toHaveLength(2);
    const mine = sessions.find((s) => s.current)!;
    const other = sessions.find((s) => !s.current)!;
    expect(mine.userAgent).toBe('Laptop-Browser/1.0');
    expect(other.userAgent).toBe('Phone-Browser/2.0');
    expect(Date.parse(other.lastSeenAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(other.expiresAt)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(sessions)).not.toContain(laptop.cookie!.split('=')[1]); // no session key is handed out

    expect((await laptop.req('DELETE', `/api/auth/sessions/${mine.id}`)).status).toBe(400); // that is signing out
    expect((await laptop.req('DELETE', '/api/auth/sessions/not-an-id')).status).toBe(400);
    expect((await laptop.req('DELETE', `/api/auth/sessions/${'0'.repeat(24)}`)).status).toBe(404);
    // someone else's session id is not yours to end
    const { username: stranger } = await newUser();
    const strangerClient = await new Client(base).login(stranger, 'first-pass-123');
    expect((await strangerClient.req('DELETE', `/api/auth/sessions/${other.id}`)).status).toBe(404);
    expect((await phone.get('/api/auth/me')).status).toBe(200);

    expect((await laptop.req('DELETE', `/api/auth/sessions/${other.id}`)).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect(((await laptop.get('/api/auth/sessions')).json as unknown[]).length).toBe(1);
    const admin = await adminClient(base);
    const audit = (await admin.get('/api/audit?limit=100')).json as { action: string; username: string; result: string }[];
    expect(audit.find((e) => e.action === 'session.revoke' && e.username === username)).toMatchObject({ result: 'ok' });
  });

  it('refuses a token: it has no sessions', async () => {
    const admin = await adminClient(base);
    const t = await admin.post('/api/tokens', { name: `acct-${Date.now()}`, role: 'viewer' });
    const bearer = new Client(base, t.json.token);
    expect((await bearer.get('/api/auth/sessions')).status).toBe(400);
  });
});

describe('token expiry', () => {
  it('is listed with each token', async () => {
    const admin = await adminClient(base);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const t = await admin.post('/api/tokens', { name: `exp-${Date.now()}`, role: 'viewer', expiresAt });
    expect(t.status).toBe(200);
    const row = ((await admin.get('/api/tokens')).json as { id: number; expiresAt: string | null }[]).find((r) => r.id === t.json.id);
    expect(row?.expiresAt).toBe(expiresAt);
  });
});
