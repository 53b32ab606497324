// Issue 19: TOTP two-factor sign-in, recovery codes, replay and rate limits, the "require 2FA" rule, password
// change, and re-authentication before sensitive actions, against a server of this file's own (so the test can
// age a session in its store: "11 minutes later" without waiting 11 minutes).
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/slipway-server';
import { Client } from '../support/http';
import { freePort } from '../support/ports';
import { totpCode } from '../support/totp';
import { connectSocket, emitAck } from '../support/sockets';
import { ageReauth } from '../support/sessions-store';

let server: RunningServer;
let base: string;
let seq = 0;

beforeAll(async () => {
  server = await startServer({ port: await freePort() });
  base = server.url;
});
afterAll(async () => server?.stop());

async function admin() {
  return new Client(base).login('admin', ADMIN_PASSWORD);
}

async function newUser(role: 'viewer' | 'operator' | 'admin', password = 'password-123') {
  const username = `signin-${role}-${Date.now().toString(36)}-${seq++}`;
  const r = await (await admin()).post('/api/users', { username, password, role });
  expect(r.status).toBe(200);
  return { username, password };
}

/** Turns TOTP on for a signed-in client; returns the secret, the recovery codes and the step the enabling code used. */
async function enableTotp(c: Client) {
  const setup = await c.post('/api/auth/totp/setup');
  expect(setup.status).toBe(200);
  const secret = setup.json.secret as string;
  const enabled = await c.post('/api/auth/totp/enable', { code: totpCode(secret) });
  expect(enabled.status).toBe(200);
  return { secret, recoveryCodes: enabled.json.recoveryCodes as string[] };
}

/** Moves a session's last proof of its user 11 minutes into the past, as if that much time had gone by. */
function ageSession(c: Client) {
  expect(ageReauth(server.dataDir, decodeURIComponent(c.cookie!.split('=')[1]))).toBe(1);
}

async function auditOf(username: string) {
  return ((await (await admin()).get('/api/audit?limit=500')).json as { username: string; action: string; result: string; target: string | null }[]).filter(
    (e) => e.username === username || e.target === username,
  );
}

describe('TOTP', () => {
  it('enrols with a QR code and an otpauth URL, then asks for a code at sign-in', async () => {
    const u = await newUser('viewer');
    const c = await new Client(base).login(u.username, u.password);
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.json.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.json.otpauthUrl).toBe(`otpauth://totp/Slipway%3A${u.username}?secret=${setup.json.secret}&issuer=Slipway&algorithm=SHA1&digits=6&period=30`);
    expect(setup.json.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(setup.json.qr.split(',')[1], 'base64').toString()).toContain('<svg');
    // a wrong code does not turn it on
    const wrong = await c.post('/api/auth/totp/enable', { code: totpCode(setup.json.secret, 5) });
    expect(wrong.status).toBe(400);
    expect((await c.get('/api/auth/security')).json.totpEnabled).toBe(false);
    const enabled = await c.post('/api/auth/totp/enable', { code: totpCode(setup.json.secret) });
    expect(enabled.status).toBe(200);
    const codes = enabled.json.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await c.get('/api/auth/security')).json).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });

    const anon = new Client(base);
    const noCode = await anon.post('/api/auth/login', { username: u.username, password: u.password });
    expect(noCode.status).toBe(401);
    expect(noCode.json).toMatchObject({ needs: 'totp' });
    expect(noCode.json.error).toBeTruthy();
    expect(anon.cookie).toBeNull();
    // the code used to enable is spent; the next step's code (accepted within ±1 step) signs in
    const reused = await anon.post('/api/auth/login', { username: u.username, password: u.password, code: totpCode(setup.json.secret) });
    expect(reused.status).toBe(401);
    const next = totpCode(setup.json.secret, 1);
    const ok = await anon.post('/api/auth/login', { username: u.username, password: u.password, code: next });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ username: u.username, role: 'viewer' });
    expect((await anon.get('/api/auth/me')).json.username).toBe(u.username);
    // the same code again, within its window: refused
    const replay = await new Client(base).post('/api/auth/login', { username: u.username, password: u.password, code: next });
    expect(replay.status).toBe(401);
    // a code two steps away is outside the window
    const far = await new Client(base).post('/api/auth/login', { username: u.username, password: u.password, code: totpCode(setup.json.secret, 3) });
    expect(far.status).toBe(401);
    const audit = await auditOf(u.username);
    expect(audit.some((e) => e.action === 'totp.enable' && e.result === 'ok')).toBe(true);
    expect(audit.some((e) => e.action === 'login' && e.result === 'failed')).toBe(true);
    expect(audit.some((e) => e.action === 'login' && e.result === 'ok')).toBe(true);
  });

  it('takes each recovery code once, and the stored codes are hashes', async () => {
    const u = await newUser('viewer');
    const c = await new Client(base).login(u.username, u.password);
    const { recoveryCodes } = await enableTotp(c);
    const first = await new Client(base).post('/api/auth/login', { username: u.username, password: u.password, code: recoveryCodes[0] });
    expect(first.status).toBe(200);
    const again = await new Client(base).post('/api/auth/login', { username: u.username, password: u.password, code: recoveryCodes[0] });
    expect(again.status).toBe(401);
    expect((await c.get('/api/auth/security')).json.recoveryCodesLeft).toBe(9);
    const db = new Database(path.join(server.dataDir, 'slipway.db'), { readonly: true });
    try {
      const stored = db.prepare('SELECT code_hash FROM recovery_codes WHERE username = ?').all(u.username) as { code_hash: string }[];
      expect(stored).toHaveLength(10);
      for (const code of recoveryCodes) expect(stored.map((s) => s.code_hash)).not.toContain(code);
    } finally {
      db.close();
    }
  });

  it('rate-limits codes: after 10 wrong ones even the right code gets 429', async () => {
    const u = await newUser('viewer');
    const c = await new Client(base).login(u.username, u.password);
    const { secret } = await enableTotp(c);
    const anon = new Client(base);
    const statuses: number[] = [];
    const valid = new Set([-1, 0, 1, 2].map((o) => totpCode(secret, o)));
    const wrong = ['000000', '111111', '222222', '333333', '444444'].find((x) => !valid.has(x))!;
    for (let i = 0; i < 10; i++) statuses.push((await anon.post('/api/auth/login', { username: u.username, password: u.password, code: wrong })).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const right = await anon.post('/api/auth/login', { username: u.username, password: u.password, code: totpCode(secret, 1) });
    expect(right.status).toBe(429);
    expect(right.json.retryAfter).toBeGreaterThan(0);
  });

  it('sends a role that must use 2FA to enrolment first, and lets it in once a code is confirmed', async () => {
    const a = await admin();
    expect((await a.req('PUT', '/api/settings/sign-in', { require2fa: ['operator'] })).json).toEqual({ require2fa: ['operator'] });
    try {
      const u = await newUser('operator');
      const c = new Client(base);
      const login = await c.post('/api/auth/login', { username: u.username, password: u.password });
      expect(login.status).toBe(200);
      expect(login.json).toEqual({ username: u.username, role: 'operator', mustEnrol: true });
      const blocked = await c.get('/api/stacks');
      expect(blocked.status).toBe(403);
      expect(blocked.json.needs).toBe('enrolment');
      expect((await c.get('/api/auth/me')).status).toBe(200);
      expect((await c.get('/api/auth/security')).json.mustEnrol).toBe(true);
      const socket = await connectSocket(base, { cookie: c.cookie, origin: base });
      try {
        expect(await emitAck(socket, 'stats:overview:subscribe', {})).toMatchObject({ ok: false, status: 403, needs: 'enrolment' });
      } finally {
        socket.close();
      }
      await enableTotp(c);
      expect((await c.get('/api/stacks')).status).toBe(200);
      // viewers are not covered by the rule
      const v = await newUser('viewer');
      expect((await new Client(base).post('/api/auth/login', { username: v.username, password: v.password })).json).toEqual({ username: v.username, role: 'viewer' });
    } finally {
      expect((await (await admin()).req('PUT', '/api/settings/sign-in', { require2fa: [] })).status).toBe(200);
    }
    expect((await a.get('/api/settings/sign-in')).json).toEqual({ require2fa: [] });
  });

  it('lets an admin reset a locked-out user, and a user remove their own authenticator', async () => {
    const u = await newUser('viewer');
    const c = await new Client(base).login(u.username, u.password);
    await enableTotp(c);
    expect((await (await admin()).req('DELETE', `/api/users/${u.username}/second-factor`)).status).toBe(200);
    expect((await new Client(base).post('/api/auth/login', { username: u.username, password: u.password })).status).toBe(200);
    await enableTotp(c);
    expect((await c.req('DELETE', '/api/auth/totp')).status).toBe(200);
    expect((await c.get('/api/auth/security')).json.totpEnabled).toBe(false);
    const audit = await auditOf(u.username);
    expect(audit.filter((e) => e.action === 'totp.remove' && e.result === 'ok')).toHaveLength(2);
  });
});

describe('password change', () => {
  it('needs the current password and signs the user out everywhere else', async () => {
    const u = await newUser('viewer');
    const here = await new Client(base).login(u.username, u.password);
    const elsewhere = await new Client(base).login(u.username, u.password);
    expect((await here.post('/api/auth/password', { current: 'not-it-at-all', next: 'brand-new-pass-1' })).status).toBe(400);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(200);
    expect((await here.post('/api/auth/password', { current: u.password, next: 'short' })).status).toBe(400);
    const r = await here.post('/api/auth/password', { current: u.password, next: 'brand-new-pass-1' });
    expect(r.status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await new Client(base).post('/api/auth/login', { username: u.username, password: u.password })).status).toBe(401);
    expect((await new Client(base).post('/api/auth/login', { username: u.username, password: 'brand-new-pass-1' })).status).toBe(200);
    expect((await auditOf(u.username)).some((e) => e.action === 'password.change' && e.result === 'ok')).toBe(true);
  });
});

describe('re-authentication', () => {
  it('asks a session without a proof in the last 10 minutes to confirm before user, token, setting and restore changes', async () => {
    const a = await admin();
    ageSession(a);
    const name = `reauth-${Date.now().toString(36)}`;
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/users', { username: name, password: 'password-123', role: 'viewer' }],
      ['POST', '/api/tokens', { name, role: 'viewer' }],
      ['PUT', '/api/settings/sign-in', { require2fa: ['admin'] }],
      ['POST', '/api/backups/999999/restore', { mode: 'same', confirm: 'x' }],
    ];
    for (const [method, p, body] of attempts) {
      const r = await a.req(method, p, body);
      expect(r.status, `${method} ${p}`).toBe(401);
      expect(r.json.needs, `${method} ${p}`).toBe('reauth');
    }
    // nothing changed, and the session itself is still signed in
    expect(((await a.get('/api/users')).json as { username: string }[]).map((x) => x.username)).not.toContain(name);
    expect(((await a.get('/api/tokens')).json as { name: string }[]).map((x) => x.name)).not.toContain(name);
    expect((await a.get('/api/settings/sign-in')).json).toEqual({ require2fa: [] });

    expect((await a.post('/api/auth/reauth', { password: 'wrong-password' })).status).toBe(401);
    const ok = await a.post('/api/auth/reauth', { password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.json.reauthAt).toBeGreaterThan(Date.now() - 60_000);
    expect((await a.post('/api/users', { username: name, password: 'password-123', role: 'viewer' })).status).toBe(200);
    const audit = await auditOf('admin');
    expect(audit.some((e) => e.action === 'reauth' && e.result === 'failed')).toBe(true);
    expect(audit.some((e) => e.action === 'reauth' && e.result === 'ok')).toBe(true);
  });

  it('re-authenticates with a TOTP code, once per code', async () => {
    const u = await newUser('admin');
    const c = await new Client(base).login(u.username, u.password);
    const { secret } = await enableTotp(c);
    ageSession(c);
    expect((await c.post('/api/tokens', { name: 'x', role: 'viewer' })).json.needs).toBe('reauth');
    const code = totpCode(secret, 1);
    expect((await c.post('/api/auth/reauth', { code })).status).toBe(200);
    ageSession(c);
    expect((await c.post('/api/auth/reauth', { code })).status).toBe(401);
  });

  it('refuses to open a shell on a stale session until the user confirms', async () => {
    const a = await admin();
    ageSession(a);
    const socket = await connectSocket(base, { cookie: a.cookie, origin: base });
    try {
      const payload = { containerId: 'f'.repeat(64), cols: 80, rows: 24 };
      expect(await emitAck(socket, 'shell:open', payload)).toMatchObject({ ok: false, status: 401, needs: 'reauth' });
      expect((await a.post('/api/auth/reauth', { password: ADMIN_PASSWORD })).status).toBe(200);
      // confirmed: the shell request goes on to look for the container (there is none)
      const after = await emitAck<{ ok: boolean; status: number }>(socket, 'shell:open', payload);
      expect(after.ok).toBe(false);
      expect(after.status).toBe(404);
    } finally {
      socket.close();
    }
  });

  it('counts a fresh sign-in as a proof, and asks nothing of bearer tokens', async () => {
    const a = await admin();
    expect((await a.post('/api/tokens', { name: `fresh-${seq++}`, role: 'viewer' })).status).toBe(200);
    const token = (await a.post('/api/tokens', { name: `script-${seq++}`, role: 'admin' })).json.token as string;
    const script = new Client(base, token, null);
    expect((await script.post('/api/tokens', { name: `by-script-${seq++}`, role: 'viewer' })).status).toBe(200);
  });
});
