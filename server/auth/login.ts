// Login and setup as plain functions: rate limit, constant-ish time, audit, session creation.
import type { App, AppEnv } from '../app';
import type { Role } from '../contract';
import { HttpError } from '../http/errors';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { createSession, resolveSession, type SignInMethod } from './sessions';
import { checkSecondFactor, recoveryCodesLeft, totpEnabled } from './second-factor';
import { countUsers, createUser, findUser } from './users';
import { recordAudit } from '../audit/audit-log';
import crypto from 'node:crypto';

/**
 * How a login attempt names its user in the audit log: an existing account by name; anything else
 * (often a password typed into the wrong field) only as a short hash, so the log never holds it.
 */
export function auditedLoginName(db: App['db'], username: string): string {
  if (findUser(db, username)) return username;
  return `unknown:${crypto.createHash('sha256').update(username).digest('hex').slice(0, 12)}`;
}

/** Whether this user may sign in with a password (SLIPWAY_LOCAL_LOGIN=off leaves only the break-glass admin). */
export function passwordSignInAllowed(config: App['config'], username: string): boolean {
  return config.SLIPWAY_LOCAL_LOGIN !== 'off' || username === config.SLIPWAY_BREAK_GLASS_USER;
}

export async function login(
  ae: AppEnv,
  ip: string,
  username: string,
  password: string,
  code?: string,
): Promise<{ sessionId: string; expiresAt: number; username: string; role: Role; mustEnrol: boolean; mustChangePassword: boolean }> {
  // Counted before the first await: 40 parallel attempts see each other's count (issue 15).
  const wait = ae.app.loginLimiter.begin(ip, username);
  if (wait > 0) {
    recordAudit(ae.app.db, { username: auditedLoginName(ae.app.db, username), action: 'login', result: 'denied', detail: 'rate limited' });
    throw new HttpError(429, 'too many failed attempts; try again later', { retryAfter: wait });
  }
  const user = findUser(ae.app.db, username);
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    // the attempt already counts as failed (begin)
    recordAudit(ae.app.db, { username: auditedLoginName(ae.app.db, username), action: 'login', result: 'failed', detail: { ip } });
    throw new HttpError(401, 'wrong username or password');
  }
  if (!passwordSignInAllowed(ae.app.config, user.username)) {
    recordAudit(ae.app.db, { username: user.username, action: 'login', result: 'denied', detail: { ip, reason: 'password sign-in is off' } });
    throw new HttpError(403, 'password sign-in is switched off: use single sign-on');
  }
  let method: SignInMethod = 'password';
  if (totpEnabled(ae.app.db, user.username)) {
    // The attempt stays counted until the code is right too, so codes are rate-limited with passwords.
    if (!code) {
      recordAudit(ae.app.db, { username: user.username, action: 'login', result: 'denied', detail: { ip, reason: 'code required' } });
      throw new HttpError(401, 'enter the code from your authenticator app', { needs: 'totp' });
    }
    const factor = checkSecondFactor(ae.app.db, user.username, code);
    if (!factor) {
      recordAudit(ae.app.db, { username: user.username, action: 'login', result: 'failed', detail: { ip, reason: 'wrong or reused code' } });
      throw new HttpError(401, 'wrong or already used code', { needs: 'totp' });
    }
    if (factor === 'recovery') recordAudit(ae.app.db, { username: user.username, action: 'totp.recovery-code', result: 'ok', detail: { ip, left: recoveryCodesLeft(ae.app.db, user.username) } });
    method = 'password+totp';
  }
  ae.app.loginLimiter.recordSuccess(ip, username);
  const s = createSession(ae.app.db, user.username, ae.app.config.SLIPWAY_SESSION_TTL, method);
  const principal = resolveSession(ae.app.db, s.id);
  const mustEnrol = principal?.mustEnrol ?? false;
  const mustChangePassword = principal?.mustChangePassword ?? false;
  recordAudit(ae.app.db, { username: user.username, action: 'login', result: 'ok', detail: { ip, method, mustEnrol, mustChangePassword } });
  return { sessionId: s.id, expiresAt: s.expiresAt, username: user.username, role: user.role, mustEnrol, mustChangePassword };
}

export async function completeSetup(ae: AppEnv, ip: string, token: string, username: string, password: string) {
  const expected = ae.app.setup.token;
  if (!expected || countUsers(ae.app.db) > 0) throw new HttpError(409, 'setup is already complete');
  const a = Buffer.from(token);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    ae.app.loginLimiter.recordFailure(ip, 'setup');
    recordAudit(ae.app.db, { username: auditedLoginName(ae.app.db, username), action: 'setup', result: 'failed', detail: 'bad setup token' });
    throw new HttpError(403, 'wrong setup token');
  }
  ae.app.setup.token = null;
  await createUser(ae.app.db, username, password, 'admin');
  recordAudit(ae.app.db, { username, action: 'setup', target: username, result: 'ok' });
}
