// Issue 15, the hostile review: each block below reproduces one finding against the real server and
// engine, with the expected behaviour written here (issue 15 and CONTRACT.md), never read from the code.
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { AuditEntry } from '@/server/contract';
import { adminClient, Client, clientWithRole, waitFor } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';
import { runningExecs, tapShell } from '../support/shell';
import { freePort } from '../support/ports';
import { startServer, type RunningServer } from '../support/slipway-server';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-sec');
let admin: Client;
let bb: { id: string; name: string };
const sockets: Socket[] = [];

type Ack = { ok: boolean; status?: number; error?: string; sessionId?: string; subscriptionId?: string };

beforeAll(async () => {
  admin = await adminClient(base);
  bb = await createTestContainer({ project, service: 'bb', cmd: ['sh', '-c', 'while true; do echo tick; sleep 1; done'] });
  await waitFor(async () => (await admin.get(`/api/containers/${bb.id}`)).json?.state === 'running', 'container known to slipway');
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

afterAll(async () => {
  await removeProject(project);
});

async function tokenSocket(token: string): Promise<Socket> {
  const s = await connectSocket(base, { token });
  sockets.push(s);
  return s;
}

function disconnected(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.connected ? socket.once('disconnect', () => resolve()) : resolve()));
}

async function createToken(client: Client, role: 'viewer' | 'operator' | 'admin', expiresAt?: string) {
  const r = await client.post('/api/tokens', { name: `sec-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, role, ...(expiresAt ? { expiresAt } : {}) });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as { id: number; token: string; expiresAt: string | null };
}

async function auditOf(action: string, pred: (e: AuditEntry) => boolean) {
  const list = (await admin.get('/api/audit?limit=500')).json as AuditEntry[];
  return list.find((e) => e.action === action && pred(e));
}

describe('1. an open socket follows its principal', () => {
  it('revoking a token disconnects its socket and ends its shell; the token cannot come back', async () => {
    const t = await createToken(admin, 'admin');
    const socket = await tokenSocket(t.token);
    const tap = tapShell(socket);
    const open = await emitAck<Ack>(socket, 'shell:open', { containerId: bb.id, cmd: ['sh'], cols: 80, rows: 24 });
    expect(open, JSON.stringify(open)).toMatchObject({ ok: true });
    const sid = open.sessionId!;
    expect((await emitAck<Ack>(socket, 'shell:input', { sessionId: sid, data: 'echo alive-$((6*7))\n' })).ok).toBe(true);
    await tap.waitOutput(sid, /alive-42/);

    const gone = disconnected(socket);
    expect((await admin.req('DELETE', `/api/tokens/${t.id}`)).status).toBe(200);
    await gone;
    expect(socket.connected).toBe(false);
    // the shell ended with the socket: audited, and no exec of it left running in the container
    await waitFor(async () => auditOf('shell.end', (e) => (e.detail ?? '').includes(sid)), 'shell.end in the audit log');
    await waitFor(async () => (await runningExecs(bb.id)).length === 0, 'no shell exec left in the container');
    await expect(connectSocket(base, { token: t.token })).rejects.toThrow();
  });

  it('every event re-checks the token: after its expiry, shell input and shell:open are refused and the socket ends', async () => {
    const expiresAt = new Date(Date.now() + 4000).toISOString();
    const t = await createToken(admin, 'admin', expiresAt);
    expect(t.expiresAt).toBe(expiresAt);
    const socket = await tokenSocket(t.token);
    const open = await emitAck<Ack>(socket, 'shell:open', { containerId: bb.id, cmd: ['sh'], cols: 80, rows: 24 });
    expect(open.ok).toBe(true);
    // Nothing tells the server the token expired: only the per-event check can stop the next event.
    await waitFor(async () => Date.now() > Date.parse(expiresAt) + 50, 'the token to expire', 10_000, 50);
    const input = await emitAck<Ack>(socket, 'shell:input', { sessionId: open.sessionId, data: 'echo late\n' });
    expect(input).toMatchObject({ ok: false, status: 401 });
    await disconnected(socket);
    await expect(connectSocket(base, { token: t.token })).rejects.toThrow();
    expect((await new Client(base, t.token, null).get('/api/stacks')).status).toBe(401);
    await waitFor(async () => (await runningExecs(bb.id)).length === 0, 'no shell exec left in the container');
  });

  it('a token dies with its creator: deleting the user deletes the token and disconnects its socket', async () => {
    const creator = await clientWithRole(base, 'admin');
    const me = (await creator.get('/api/auth/me')).json.username as string;
    const t = await createToken(creator, 'operator');
    const socket = await tokenSocket(t.token);
    expect((await emitAck<Ack>(socket, 'logs:subscribe', { containerId: bb.id, tail: 0 })).ok).toBe(true);
    const gone = disconnected(socket);
    expect((await admin.req('DELETE', `/api/users/${me}`)).status).toBe(200);
    await gone;
    expect(((await admin.get('/api/tokens')).json as { id: number }[]).map((x) => x.id)).not.toContain(t.id);
    expect((await new Client(base, t.token, null).get('/api/stacks')).status).toBe(401);
  });

  it('demoting a user ends their sockets, and their tokens never act above their new role', async () => {
    const op = await clientWithRole(base, 'admin');
    const me = (await op.get('/api/auth/me')).json.username as string;
    const t = await createToken(op, 'admin');
    const sessionSocket = await connectSocket(base, { cookie: op.cookie, origin: base });
    sockets.push(sessionSocket);
    const tokSocket = await tokenSocket(t.token);
    const both = Promise.all([disconnected(sessionSocket), disconnected(tokSocket)]);
    expect((await admin.req('PATCH', `/api/users/${me}`, { role: 'viewer' })).status).toBe(200);
    await both;
    const again = await tokenSocket(t.token);
    expect(await emitAck<Ack>(again, 'shell:open', { containerId: bb.id, cmd: ['sh'], cols: 80, rows: 24 })).toMatchObject({ ok: false, status: 403 });
    expect((await new Client(base, t.token, null).get('/api/users')).status).toBe(403);
  });

  it('refuses an expiry in the past', async () => {
    const r = await admin.post('/api/tokens', { name: 'past', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' });
    expect(r.status).toBe(400);
  });
});

/** A raw request, so Host and Cookie are exactly what we say; resolves with the status or 'no answer'. */
function rawRequest(path: string, headers: Record<string, string>, timeoutMs = 5000): Promise<{ status: number | 'no answer'; headers: http.IncomingHttpHeaders }> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: 'no answer', headers: {} });
    });
    req.on('error', () => resolve({ status: 'no answer', headers: {} }));
    req.end();
  });
}

describe('4. a malformed session cookie', () => {
  it('is no session: /api 401, /metrics 401, /socket.io answered with a refusal, the server keeps serving', async () => {
    const cookie = 'slipway_session=%';
    expect((await rawRequest('/api/stacks', { cookie })).status).toBe(401);
    expect((await rawRequest('/metrics', { cookie })).status).toBe(401);
    const sio = await rawRequest('/socket.io/?EIO=4&transport=polling', { cookie });
    expect(sio.status).not.toBe('no answer');
    expect(sio.status as number).toBeLessThan(500);
    await expect(connectSocket(base, { cookie, origin: base })).rejects.toThrow(/unauthorized/);
    expect((await rawRequest('/api/health', {})).status).toBe(200);
  });
});

describe('7. per-user caps hold against parallel requests', () => {
  let own: RunningServer;
  beforeAll(async () => {
    own = await startServer({ port: await freePort() });
  });
  afterAll(async () => {
    await own?.stop();
  });

  it('40 parallel wrong passwords: only 10 are checked, then even the right password is refused', async () => {
    const boss = await adminClient(own.url);
    const username = `victim-${Date.now().toString(36)}`;
    expect((await boss.post('/api/users', { username, password: 'right-password-1', role: 'viewer' })).status).toBe(200);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => new Client(own.url).post('/api/auth/login', { username, password: 'wrong-password' }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    expect((await new Client(own.url).post('/api/auth/login', { username, password: 'right-password-1' })).status).toBe(429);
  });

  it('40 parallel logs:subscribe on one socket: 16 succeed', async () => {
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    sockets.push(socket);
    const acks = await Promise.all(Array.from({ length: 40 }, () => emitAck<Ack>(socket, 'logs:subscribe', { containerId: bb.id, tail: 0 })));
    expect(acks.filter((a) => a.ok)).toHaveLength(16);
    expect(acks.filter((a) => !a.ok).every((a) => a.status === 429)).toBe(true);
  });

  it('12 parallel shell:open on one socket: 8 succeed', async () => {
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    sockets.push(socket);
    const acks = await Promise.all(Array.from({ length: 12 }, () => emitAck<Ack>(socket, 'shell:open', { containerId: bb.id, cmd: ['sh'], cols: 80, rows: 24 })));
    expect(acks.filter((a) => a.ok)).toHaveLength(8);
    expect(acks.filter((a) => !a.ok).every((a) => a.status === 429)).toBe(true);
    socket.close();
    await waitFor(async () => (await runningExecs(bb.id)).length === 0, 'the shells to end with the socket');
  });
});

describe('8. headers, hosts, bad times, audit privacy', () => {
  it('sends the security headers on pages and API answers, HSTS only behind https', async () => {
    for (const path of ['/login', '/api/health', '/api/stacks', '/metrics']) {
      const r = await rawRequest(path, {});
      expect(r.status, path).not.toBe('no answer');
      const csp = String(r.headers['content-security-policy']);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
      expect(r.headers['referrer-policy'], path).toBe('same-origin');
      expect(r.headers['x-frame-options'], path).toBe('DENY');
      expect(r.headers['strict-transport-security'], path).toBeUndefined();
    }
    const https = await rawRequest('/api/health', { 'x-forwarded-proto': 'https' });
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('answers 421 to a Host or forwarded host it does not serve, pages, API and socket.io alike', async () => {
    for (const path of ['/login', '/api/health', '/api/auth/me']) {
      expect((await rawRequest(path, { host: 'evil.example' })).status, path).toBe(421);
      expect((await rawRequest(path, { host: `evil.example:${new URL(base).port}` })).status, path).toBe(421);
      expect((await rawRequest(path, { 'x-forwarded-host': 'evil.example' })).status, path).toBe(421);
    }
    const sio = await rawRequest('/socket.io/?EIO=4&transport=polling', { host: 'evil.example' });
    expect([400, 403]).toContain(sio.status);
    expect((await rawRequest('/api/health', { host: `localhost:${new URL(base).port}` })).status).toBe(200);
  });

  it('refuses since=999999999d with 400', async () => {
    const r = await admin.get(`/api/containers/${bb.id}/logs?since=999999999d`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/since/);
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    sockets.push(socket);
    expect(await emitAck<Ack>(socket, 'logs:subscribe', { containerId: bb.id, since: '999999999d' })).toMatchObject({ ok: false, status: 400 });
  });

  it('keeps a password typed as a username out of the audit log, and other users\' details from viewers', async () => {
    const secret = `Sup3r-Secret-${Date.now()}`;
    expect((await new Client(base).post('/api/auth/login', { username: secret, password: 'whatever' })).status).toBe(401);
    const all = JSON.stringify((await admin.get('/api/audit?limit=1000')).json);
    expect(all).not.toContain(secret);

    const viewer = await clientWithRole(base, 'viewer');
    const seen = (await viewer.get('/api/audit?limit=200')).json as AuditEntry[];
    const me = (await viewer.get('/api/auth/me')).json.username as string;
    const others = seen.filter((e) => e.username !== me);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((e) => e.detail === null)).toBe(true);
    // the admin still sees them
    expect(((await admin.get('/api/audit?limit=200')).json as AuditEntry[]).some((e) => e.username === 'admin' && e.detail !== null)).toBe(true);
  });
});
