// Authentication, roles, Origin checks, tokens and the login rate limit, against the real server.
import { describe, expect, inject, it } from 'vitest';
import { adminClient, Client, clientWithRole } from '../support/http';
import { connectSocket } from '../support/sockets';

const base = inject('slipwayUrl');

// Every API route with a sample path; all but health, login and setup require a session.
export const PROTECTED_ROUTES: [string, string][] = [
  ['GET', '/api/auth/me'], ['POST', '/api/auth/logout'],
  ['GET', '/api/containers'], ['GET', '/api/stacks'], ['GET', '/api/containers/abc123'],
  ['POST', '/api/containers/abc123/start'], ['POST', '/api/containers/abc123/stop'], ['POST', '/api/containers/abc123/restart'],
  ['GET', '/api/audit'], ['GET', '/api/users'], ['POST', '/api/users'], ['PATCH', '/api/users/someone'], ['DELETE', '/api/users/someone'],
  ['GET', '/api/tokens'], ['POST', '/api/tokens'], ['DELETE', '/api/tokens/1'], ['GET', '/api/no-such-route'],
];

describe('authentication', () => {
  it('answers 401 on every protected route without a session', async () => {
    const anon = new Client(base);
    for (const [method, path] of PROTECTED_ROUTES) {
      const r = await anon.req(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.json.error).toBeTruthy();
    }
  });

  it('serves health and login without a session', async () => {
    const anon = new Client(base);
    const h = await anon.get('/api/health');
    expect(h.status).toBe(200);
    expect(h.json.docker.reachable).toBe(true);
    expect((await anon.post('/api/auth/login', { username: 'admin', password: 'wrong-password' })).status).toBe(401);
  });

  it('sends a signed-out page visit to /login before rendering, and comes back to the page (issue 17.6)', async () => {
    const page = (path: string, cookie?: string) => fetch(`${base}${path}`, { redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
    for (const path of ['/', '/stacks/web', '/logs?project=x']) {
      const r = await page(path);
      expect(r.status, path).toBe(302);
      expect(r.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    expect((await page('/login')).status).toBe(200);
    const admin = await adminClient(base);
    expect((await page('/', admin.cookie ?? undefined)).status).toBe(200);
  });

  it('sets an httpOnly SameSite=Strict cookie, and logout revokes the session', async () => {
    const c = new Client(base);
    const r = await c.post('/api/auth/login', { username: 'admin', password: 'test-admin-pass-1' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ username: 'admin', role: 'admin' });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await c.get('/api/auth/me')).json.username).toBe('admin');
    const stolen = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    const replay = new Client(base);
    replay.cookie = stolen;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('rejects bad login bodies with 400', async () => {
    const anon = new Client(base);
    expect((await anon.post('/api/auth/login', '{not json')).status).toBe(400);
    expect((await anon.post('/api/auth/login', { username: 'x' })).status).toBe(400);
    expect((await anon.post('/api/auth/login', { username: 5, password: [] })).status).toBe(400);
  });

  it('answers 429 after repeated failed logins for a username, and then refuses even the right password', async () => {
    const admin = await adminClient(base);
    const user = `ratelimited-${Date.now()}`;
    expect((await admin.post('/api/users', { username: user, password: 'the-right-one-1', role: 'viewer' })).status).toBe(200);
    const anon = new Client(base);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await anon.post('/api/auth/login', { username: user, password: 'nope-nope' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // limited means limited: the correct password is not even checked until the window ends
    const right = await anon.post('/api/auth/login', { username: user, password: 'the-right-one-1' });
    expect(right.status).toBe(429);
    expect(right.json.retryAfter).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  it('gives a viewer 403 on start, stop and user management, and audits the refusal', async () => {
    const viewer = await clientWithRole(base, 'viewer');
    expect((await viewer.get('/api/stacks')).status).toBe(200);
    for (const action of ['start', 'stop', 'restart']) expect((await viewer.post(`/api/containers/abc123/${action}`)).status).toBe(403);
    expect((await viewer.get('/api/users')).status).toBe(403);
    expect((await viewer.post('/api/tokens', { name: 'x', role: 'admin' })).status).toBe(403);
    const admin = await adminClient(base);
    const audit = (await admin.get('/api/audit?limit=50')).json as { result: string; action: string }[];
    expect(audit.some((e) => e.result === 'denied' && e.action.includes('/stop'))).toBe(true);
  });

  it('lets an operator act on containers but not manage users', async () => {
    const op = await clientWithRole(base, 'operator');
    expect((await op.post('/api/containers/doesnotexist0/start')).status).toBe(404);
    expect((await op.get('/api/users')).status).toBe(403);
  });

  it('ends the sessions of a user whose role changes', async () => {
    const admin = await adminClient(base);
    const op = await clientWithRole(base, 'operator');
    const me = (await op.get('/api/auth/me')).json.username as string;
    expect((await admin.req('PATCH', `/api/users/${me}`, { role: 'viewer' })).status).toBe(200);
    expect((await op.get('/api/auth/me')).status).toBe(401);
  });
});

describe('origin checks', () => {
  it('refuses a cookie-authenticated write from another origin or with no origin', async () => {
    const admin = await adminClient(base);
    const evil = await admin.post('/api/users', { username: 'evil1', password: 'password-123', role: 'admin' }, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const none = new Client(base, null, null);
    none.cookie = admin.cookie;
    expect((await none.post('/api/users', { username: 'evil2', password: 'password-123', role: 'admin' })).status).toBe(403);
    const users = (await admin.get('/api/users')).json as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('evil1');
    expect(users.map((u) => u.username)).not.toContain('evil2');
  });

  it('refuses a cross-origin socket.io handshake and one without a session', async () => {
    const admin = await adminClient(base);
    await expect(connectSocket(base, { cookie: admin.cookie, origin: 'http://evil.example' })).rejects.toThrow();
    await expect(connectSocket(base, { origin: base })).rejects.toThrow();
    const ok = await connectSocket(base, { cookie: admin.cookie, origin: base });
    expect(ok.connected).toBe(true);
    ok.close();
  });
});

describe('API tokens', () => {
  it('authenticates scripts by bearer token without Origin, scoped by role, until revoked', async () => {
    const admin = await adminClient(base);
    const created = await admin.post('/api/tokens', { name: `ci-${Date.now()}`, role: 'viewer' });
    expect(created.status).toBe(200);
    expect(created.json.token).toMatch(/^sw_/);
    const script = new Client(base, created.json.token, null);
    expect((await script.get('/api/stacks')).status).toBe(200);
    expect((await script.post('/api/containers/abc123/stop')).status).toBe(403);
    const listed = (await admin.get('/api/tokens')).json as { id: number; name: string }[];
    expect(JSON.stringify(listed)).not.toContain(created.json.token);
    expect((await admin.req('DELETE', `/api/tokens/${created.json.id}`)).status).toBe(200);
    expect((await script.get('/api/stacks')).status).toBe(401);
    expect((await new Client(base, 'sw_not-a-real-token-at-all', null).get('/api/stacks')).status).toBe(401);
  });
});
