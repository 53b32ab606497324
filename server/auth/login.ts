// Login and setup as plain functions: rate limit, constant-ish time, audit, session creation.
import type { AppContext } from '../context';
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
export function auditedLoginName(db: AppContext['db'], username: string): string {
  if (findUser(db, username)) return username;
  return `unknown:${crypto.createHash('sha256').update(username).digest('hex').slice(0, 12)}`;
}

/** Whether this user may sign in with a password (SLIPWAY_LOCAL_LOGIN=off leaves only the break-glass admin). */
export function passwordSignInAllowed(config: AppContext['config'], username: string): boolean {
  return config.SLIPWAY_LOCAL_LOGIN !== 'off' || username === config.SLIPWAY_BREAK_GLASS_USER;
}

export async function login(
  ctx: AppContext,
  ip: string,
  username: string,
  password: string,
  code?: string,
): Promise<{ sessionId: string; expiresAt: number; username: string; role: Role; mustEnrol: boolean; mustChangePassword: boolean }> {
  // Counted before the first await: 40 parallel attempts see each other's count (issue 15).
  const wait = ctx.loginLimiter.begin(ip, username);
  if (wait > 0) {
    recordAudit(ctx.db, { username: auditedLoginName(ctx.db, username), action: 'login', result: 'denied', detail: 'rate limited' });
    throw new HttpError(429, 'too many failed attempts; try again later', { retryAfter: wait });
  }
  const user = findUser(ctx.db, username);
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    // the attempt already counts as failed (begin)
    recordAudit(ctx.db, { username: auditedLoginName(ctx.db, username), action: 'login', result: 'failed', detail: { ip } });
    throw new HttpError(401, 'wrong username or password');
  }
  if (!passwordSignInAllowed(ctx.config, user.username)) {
    recordAudit(ctx.db, { username: user.username, action: 'login', result: 'denied', detail: { ip, reason: 'password sign-in is off' } });
    throw new HttpError(403, 'password sign-in is switched off: use single sign-on');
  }
  let method: SignInMethod = 'password';
  if (totpEnabled(ctx.db, user.username)) {
    // The attempt stays counted until the code is right too, so codes are rate-limited with passwords.
    if (!code) {
      recordAudit(ctx.db, { username: user.username, action: 'login', result: 'denied', detail: { ip, reason: 'code required' } });
      throw new HttpError(401, 'enter the code from your authenticator app', { needs: 'totp' });
    }
    const factor = checkSecondFactor(ctx.db, user.username, code);
    if (!factor) {
      recordAudit(ctx.db, { username: user.username, action: 'login', result: 'failed', detail: { ip, reason: 'wrong or reused code' } });
      throw new HttpError(401, 'wrong or already used code', { needs: 'totp' });
    }
    if (factor === 'recovery') recordAudit(ctx.db, { username: user.username, action: 'totp.recovery-code', result: 'ok', detail: { ip, left: recoveryCodesLeft(ctx.db, user.username) } });
    method = 'password+totp';
  }
  ctx.loginLimiter.recordSuccess(ip, username);
  const s = createSession(ctx.db, user.username, ctx.config.SLIPWAY_SESSION_TTL, method);
  const principal = resolveSession(ctx.db, s.id);
  const mustEnrol = principal?.mustEnrol ?? false;
  const mustChangePassword = principal?.mustChangePassword ?? false;
  recordAudit(ctx.db, { username: user.username, action: 'login', result: 'ok', detail: { ip, method, mustEnrol, mustChangePassword } });
  return { sessionId: s.id, expiresAt: s.expiresAt, username: user.username, role: user.role, mustEnrol, mustChangePassword };
}

export async function completeSetup(ctx: AppContext, ip: string, token: string, username: string, password: string) {
  const expected = ctx.setup.token;
  if (!expected || countUsers(ctx.db) > 0) throw new HttpError(409, 'setup is already complete');
  const a = Buffer.from(token);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    ctx.loginLimiter.recordFailure(ip, 'setup');
    recordAudit(ctx.db, { username: auditedLoginName(ctx.db, username), action: 'setup', result: 'failed', detail: 'bad setup token' });
    throw new HttpError(403, 'wrong setup token');
  }
  ctx.setup.token = null;
  await createUser(ctx.db, username, password, 'admin');
  recordAudit(ctx.db, { username, action: 'setup', target: username, result: 'ok' });
}
