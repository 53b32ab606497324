// Single sign-on with OpenID Connect (openid-client): authorization code flow with PKCE, `state` and
// `nonce`. The ID token's signature, issuer, audience, expiry and nonce are checked by the library, the
// issuer of the discovery document against SLIPWAY_OIDC_ISSUER. A flow's secrets stay on the server,
// keyed by a random id in a short-lived cookie, and are used once. Discovery is read at each sign-in,
// so the provider's key rotations are picked up without a restart.
import crypto from 'node:crypto';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { AppEnv } from '../app';
import type { Role } from '../contract';
import { HttpError } from '../http/errors';
import { roleFromClaim, usernameFromClaims } from './oidc-roles';
import { hashPassword } from './passwords';
import { createSession } from './sessions';
import { findUser } from './users';
import { recordAudit } from '../audit/audit-log';

export const OIDC_FLOW_COOKIE = 'slipway_oidc';
const FLOW_TTL_MS = 10 * 60_000;
export const CALLBACK_PATH = '/api/auth/oidc/callback';

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  next: string;
  expiresAt: number;
}

const KEY = Symbol.for('slipway.oidcFlows');
function flows(): Map<string, Flow> {
  const g = globalThis as { [KEY]?: Map<string, Flow> };
  g[KEY] ??= new Map();
  return g[KEY]!;
}

function loopback(host: string) {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** The provider's metadata and this client. Plain http is allowed only for a provider on loopback (tests, a local IdP). */
async function configuration(ae: AppEnv): Promise<client.Configuration> {
  const c = ae.app.config;
  if (!c.SLIPWAY_OIDC_ISSUER || !c.SLIPWAY_OIDC_CLIENT_ID) throw new HttpError(404, 'single sign-on is not configured');
  const issuer = new URL(c.SLIPWAY_OIDC_ISSUER);
  const insecure = issuer.protocol === 'http:';
  if (insecure && !loopback(issuer.hostname)) throw new HttpError(503, 'SLIPWAY_OIDC_ISSUER must use https (http only on loopback)');
  try {
    return await client.discovery(issuer, c.SLIPWAY_OIDC_CLIENT_ID, c.SLIPWAY_OIDC_CLIENT_SECRET, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
  } catch (e) {
    throw new HttpError(502, `the OpenID provider's discovery failed: ${(e as Error).message}`);
  }
}

/** Starts a sign-in: the provider's authorization URL, and the flow id for the cookie. */
export async function beginOidc(ae: AppEnv, origin: string, next: string): Promise<{ url: string; flowId: string }> {
  const cfg = await configuration(ae);
  const codeVerifier = client.randomPKCECodeVerifier();
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    redirectUri: `${origin}${CALLBACK_PATH}`,
    next,
    expiresAt: Date.now() + FLOW_TTL_MS,
  };
  const url = client.buildAuthorizationUrl(cfg, {
    redirect_uri: flow.redirectUri,
    scope: ae.app.config.SLIPWAY_OIDC_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  const map = flows();
  const now = Date.now();
  for (const [k, v] of map) if (v.expiresAt <= now) map.delete(k);
  if (map.size > 10_000) throw new HttpError(429, 'too many sign-ins under way; try again shortly');
  const flowId = crypto.randomBytes(24).toString('base64url');
  map.set(flowId, flow);
  return { url: url.href, flowId };
}

export interface OidcSignIn {
  sessionId: string;
  expiresAt: number;
  username: string;
  role: Role;
  next: string;
}

/**
 * Finishes a sign-in from the provider's redirect: the flow (used once), the code exchanged with the
 * PKCE verifier, state, nonce and ID token checked; then the user is created or their role refreshed.
 */
export async function finishOidc(ae: AppEnv, ip: string, flowId: string | null, search: string): Promise<OidcSignIn> {
  try {
    const flow = flowId ? flows().get(flowId) : undefined;
    if (flowId) flows().delete(flowId);
    if (!flow || flow.expiresAt <= Date.now()) throw new HttpError(400, 'this sign-in expired or was started in another browser: start again');
    const cfg = await configuration(ae);
    const currentUrl = new URL(flow.redirectUri);
    currentUrl.search = search;
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      const err = e as { message: string; error?: string; error_description?: string };
      throw new HttpError(401, `single sign-on refused: ${err.error_description ?? err.error ?? err.message}`);
    }
    // openid-client skips the ID token's signature when it came straight from the token endpoint (allowed by
    // OIDC Core 3.1.3.7 over TLS); Slipway checks it anyway, against the provider's published keys
    await verifyIdTokenSignature(cfg, ae.app.config.SLIPWAY_OIDC_CLIENT_ID!, tokens.id_token);
    const claims: Record<string, unknown> = { ...tokens.claims() };
    const claimName = ae.app.config.SLIPWAY_OIDC_ROLE_CLAIM;
    if (claims[claimName] === undefined && tokens.access_token && cfg.serverMetadata().userinfo_endpoint) {
      // many providers put group claims only in userinfo
      const info = await client.fetchUserInfo(cfg, tokens.access_token, String(claims.sub));
      for (const [k, v] of Object.entries(info)) if (claims[k] === undefined) claims[k] = v;
    }
    const role = roleFromClaim(claims[claimName], ae.app.config.SLIPWAY_OIDC_ROLE_MAP, ae.app.config.SLIPWAY_OIDC_DEFAULT_ROLE);
    const username = usernameFromClaims(claims);
    if (!username) throw new HttpError(401, 'the provider named no usable user (preferred_username, email or sub)');
    if (!role) throw new HttpError(403, `no role for ${username}: the ${claimName} claim matches no SLIPWAY_OIDC_ROLE_MAP entry`);
    const created = await upsertOidcUser(ae, username, role);
    const s = createSession(ae.app.db, username, ae.app.config.SLIPWAY_SESSION_TTL, 'oidc');
    recordAudit(ae.app.db, { username, action: 'login', result: 'ok', detail: { ip, method: 'oidc', role, ...created } });
    return { sessionId: s.id, expiresAt: s.expiresAt, username, role, next: flow.next };
  } catch (e) {
    recordAudit(ae.app.db, { username: null, action: 'login', result: 'failed', detail: { ip, method: 'oidc', error: (e as Error).message } });
    throw e;
  }
}

async function verifyIdTokenSignature(cfg: client.Configuration, clientId: string, idToken: string | undefined) {
  const meta = cfg.serverMetadata();
  if (!idToken || !meta.jwks_uri) throw new HttpError(401, 'single sign-on refused: no ID token, or no keys to check it with');
  try {
    await jwtVerify(idToken, createRemoteJWKSet(new URL(meta.jwks_uri)), { issuer: meta.issuer, audience: clientId });
  } catch (e) {
    throw new HttpError(401, `single sign-on refused: the ID token's signature or claims do not verify (${(e as Error).message})`);
  }
}

/** First sign-in creates the user; later ones refresh the role (ending their other sessions when it changed). */
async function upsertOidcUser(ae: AppEnv, username: string, role: Role): Promise<{ created?: true; roleChanged?: { from: Role; to: Role } }> {
  const existing = findUser(ae.app.db, username);
  if (!existing) {
    // no usable password: a random one nobody knows
    const hash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
    ae.app.db.prepare("INSERT INTO users (username, password_hash, role, source) VALUES (?, ?, ?, 'oidc')").run(username, hash, role);
    recordAudit(ae.app.db, { username, action: 'user.create', target: username, result: 'ok', detail: { role, by: 'single sign-on' } });
    return { created: true };
  }
  // a local account of the same name is never taken over by the provider
  if (existing.source !== 'oidc') throw new HttpError(409, `a local account named ${username} exists; single sign-on cannot use it`);
  if (existing.role === role) return {};
  ae.app.db.transaction(() => {
    ae.app.db.prepare('UPDATE users SET role = ? WHERE username = ?').run(role, username);
    ae.app.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
  })();
  ae.app.disconnectSockets({ username });
  recordAudit(ae.app.db, { username, action: 'user.update', target: username, result: 'ok', detail: { role, from: existing.role, by: 'single sign-on' } });
  return { roleChanged: { from: existing.role, to: role } };
}
