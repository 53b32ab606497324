// Issue 19: single sign-on against a real OpenID provider (oidc-provider on 127.0.0.1): first sign-in creates
// the user with the mapped role, later ones refresh it; a wrong state, an expired code, a tampered ID token
// and an issuer mismatch are refused; password sign-in can be switched off but for the break-glass admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/slipway-server';
import { Client, waitFor } from '../support/http';
import { freePort } from '../support/ports';
import { startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { CookieJar, deliverCallback, walkToCallback } from '../support/oidc-flow';

let op: TestProvider;
let sso: RunningServer; // single sign-on, password sign-in on
let ssoOnly: RunningServer; // password sign-in off but for the break-glass admin
let seq = 0;

beforeAll(async () => {
  const [p1, p2] = [await freePort(), await freePort()];
  op = await startOidcProvider([`http://127.0.0.1:${p1}/api/auth/oidc/callback`, `http://127.0.0.1:${p2}/api/auth/oidc/callback`]);
  const env = {
    SLIPWAY_OIDC_ISSUER: op.issuer,
    SLIPWAY_OIDC_CLIENT_ID: op.clientId,
    SLIPWAY_OIDC_CLIENT_SECRET: op.clientSecret,
    SLIPWAY_OIDC_ROLE_CLAIM: 'groups',
    SLIPWAY_OIDC_ROLE_MAP: 'ops=operator,admins=admin,staff=viewer',
    SLIPWAY_OIDC_SCOPES: 'openid profile groups',
  };
  sso = await startServer({ port: p1, env });
  ssoOnly = await startServer({ port: p2, env: { ...env, SLIPWAY_LOCAL_LOGIN: 'off', SLIPWAY_BREAK_GLASS_USER: 'admin' } });
}, 120_000);

afterAll(async () => {
  await sso?.stop();
  await ssoOnly?.stop();
  await op?.close();
});

function account(groups: string[]) {
  const name = `sso-${Date.now().toString(36)}-${seq++}`;
  op.account = { sub: `sub-${name}`, preferred_username: name, groups };
  return name;
}

async function signIn(base: string) {
  const jar = new CookieJar();
  const callback = await walkToCallback(jar, base);
  return { jar, callback, result: await deliverCallback(jar, callback) };
}

function asClient(base: string, session: string) {
  const c = new Client(base);
  c.cookie = `slipway_session=${session}`;
  return c;
}

async function loginAudit(base: string) {
  const admin = await new Client(base).login('admin', ADMIN_PASSWORD);
  return (await admin.get('/api/audit?limit=200')).json as { username: string | null; action: string; result: string; detail: string | null }[];
}

describe('single sign-on', () => {
  it('advertises itself to the sign-in page', async () => {
    expect((await new Client(sso.url).get('/api/auth/options')).json).toEqual({ localLogin: true, oidc: true, passkeys: true });
    expect((await new Client(ssoOnly.url).get('/api/auth/options')).json).toEqual({ localLogin: false, oidc: true, passkeys: true });
  });

  it('uses PKCE, state and nonce in the authorization request', async () => {
    const res = await fetch(`${sso.url}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(op.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('redirect_uri')).toBe(`${sso.url}/api/auth/oidc/callback`);
    expect(res.headers.get('set-cookie')).toMatch(/slipway_oidc=.*HttpOnly/i);
  });

  it('creates the user with the mapped role on first sign-in and refreshes the role on the next', async () => {
    const name = account(['staff', 'ops']);
    const first = await signIn(sso.url);
    expect(first.result.status).toBe(200);
    expect(first.result.session).toBeTruthy();
    const c = asClient(sso.url, first.result.session!);
    expect((await c.get('/api/auth/me')).json).toEqual({ username: name, role: 'operator' });
    const admin = await new Client(sso.url).login('admin', ADMIN_PASSWORD);
    expect(((await admin.get('/api/users')).json as { username: string; role: string }[]).find((u) => u.username === name)?.role).toBe('operator');

    op.account = { ...op.account, groups: ['admins'] };
    const second = await signIn(sso.url);
    expect(second.result.status).toBe(200);
    expect((await asClient(sso.url, second.result.session!).get('/api/auth/me')).json).toEqual({ username: name, role: 'admin' });
    // the role changed: the session that had the old one is over
    expect((await c.get('/api/auth/me')).status).toBe(401);
    // a single sign-on user has no password here
    expect((await new Client(sso.url).post('/api/auth/login', { username: name, password: 'anything-at-all' })).status).toBe(401);
    const audit = await loginAudit(sso.url);
    expect(audit.filter((e) => e.username === name && e.action === 'login' && e.result === 'ok' && e.detail?.includes('"oidc"'))).toHaveLength(2);
    expect(audit.some((e) => e.username === name && e.action === 'user.create')).toBe(true);
  });

  it('refuses a user whose claim maps to no role', async () => {
    const name = account(['strangers']);
    const { result } = await signIn(sso.url);
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/login\?error=|\/login\?error=/);
    expect(decodeURIComponent(result.location!)).toContain('no role');
    expect(result.session).toBeUndefined();
    const admin = await new Client(sso.url).login('admin', ADMIN_PASSWORD);
    expect(((await admin.get('/api/users')).json as { username: string }[]).map((u) => u.username)).not.toContain(name);
  });

  it('refuses a wrong state, and the flow cannot be finished afterwards', async () => {
    account(['ops']);
    const jar = new CookieJar();
    const callback = await walkToCallback(jar, sso.url);
    const spoiled = new URL(callback);
    spoiled.searchParams.set('state', 'attacker-chosen-state');
    const r = await deliverCallback(jar, spoiled);
    expect(r.status).toBe(303);
    expect(r.location).toContain('/login?error=');
    expect(r.session).toBeUndefined();
    const replay = await deliverCallback(jar, callback);
    expect(replay.status).toBe(303);
    expect(replay.session).toBeUndefined();
  });

  it('refuses an expired authorization code', async () => {
    account(['ops']);
    op.codeTtl = 1;
    try {
      const jar = new CookieJar();
      const callback = await walkToCallback(jar, sso.url);
      const code = callback.searchParams.get('code')!;
      await waitFor(async () => !(await op.codeAlive(code)), 'the code to expire at the provider', 10_000);
      const r = await deliverCallback(jar, callback);
      expect(r.status).toBe(303);
      expect(r.location).toContain('/login?error=');
      expect(r.session).toBeUndefined();
    } finally {
      op.codeTtl = 60;
    }
  });

  it('refuses a tampered ID token (claims changed after signing)', async () => {
    const name = account(['staff']);
    op.tamper.idToken = true;
    try {
      const { result } = await signIn(sso.url);
      expect(result.status).toBe(303);
      expect(result.location).toContain('/login?error=');
      expect(result.session).toBeUndefined();
    } finally {
      op.tamper.idToken = false;
    }
    const admin = await new Client(sso.url).login('admin', ADMIN_PASSWORD);
    expect(((await admin.get('/api/users')).json as { username: string }[]).map((u) => u.username)).not.toContain(name);
  });

  it('refuses a provider whose discovery names another issuer', async () => {
    account(['ops']);
    op.tamper.issuer = true;
    try {
      const res = await fetch(`${sso.url}/api/auth/oidc/start`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      expect((await res.json()).error).toMatch(/discovery failed/);
      // a flow started before the switch is refused at its callback too
      op.tamper.issuer = false;
      const jar = new CookieJar();
      const callback = await walkToCallback(jar, sso.url);
      op.tamper.issuer = true;
      const r = await deliverCallback(jar, callback);
      expect(r.status).toBe(303);
      expect(r.session).toBeUndefined();
    } finally {
      op.tamper.issuer = false;
    }
    const failures = (await loginAudit(sso.url)).filter((e) => e.action === 'login' && e.result === 'failed' && e.detail?.includes('"oidc"'));
    expect(failures.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a local account from being taken over by a provider user of the same name', async () => {
    const admin = await new Client(sso.url).login('admin', ADMIN_PASSWORD);
    const name = `local-${Date.now().toString(36)}`;
    expect((await admin.post('/api/users', { username: name, password: 'password-123', role: 'viewer' })).status).toBe(200);
    op.account = { sub: `sub-${name}`, preferred_username: name, groups: ['admins'] };
    const { result } = await signIn(sso.url);
    expect(result.status).toBe(303);
    expect(result.session).toBeUndefined();
    expect(((await admin.get('/api/users')).json as { username: string; role: string }[]).find((u) => u.username === name)?.role).toBe('viewer');
  });
});

describe('password sign-in switched off', () => {
  it('refuses passwords but for the break-glass admin, while single sign-on works', async () => {
    const admin = await new Client(ssoOnly.url).login('admin', ADMIN_PASSWORD);
    const name = `pw-${Date.now().toString(36)}`;
    expect((await admin.post('/api/users', { username: name, password: 'password-123', role: 'admin' })).status).toBe(200);
    const refused = await new Client(ssoOnly.url).post('/api/auth/login', { username: name, password: 'password-123' });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/single sign-on/);
    const ssoName = account(['ops']);
    const { result } = await signIn(ssoOnly.url);
    expect(result.status).toBe(200);
    expect((await asClient(ssoOnly.url, result.session!).get('/api/auth/me')).json).toEqual({ username: ssoName, role: 'operator' });
    const audit = (await admin.get('/api/audit?limit=100')).json as { username: string; action: string; result: string }[];
    expect(audit.some((e) => e.username === name && e.action === 'login' && e.result === 'denied')).toBe(true);
  });
});
