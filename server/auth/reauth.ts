// Re-authentication: opening a shell, restoring a backup and changing users, tokens or sign-in settings
// need a proof of the user (password, TOTP or recovery code, passkey, or a new sign-in) within the last
// 10 minutes on this session. Signing in counts as one. Bearer tokens are for scripts and cannot prove
// a person, so they are not asked (an admin token is as strong as the admin who made it).
import type { AppEnv } from '../app';
import type { Principal } from './permissions';
import { HttpError } from '../http/errors';
import { findUser } from './users';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { checkSecondFactor } from './second-factor';
import { markReauthenticated } from './sessions';
import { recordAudit } from '../audit/audit-log';

export const REAUTH_WINDOW_MS = 10 * 60_000;

export function reauthFresh(p: Principal, now = Date.now()): boolean {
  if (p.via !== 'session') return true;
  return typeof p.reauthAt === 'number' && now - p.reauthAt < REAUTH_WINDOW_MS;
}

/** Throws 401 `{needs: "reauth"}` unless the session proved its user in the last 10 minutes. */
export function requireRecentAuth(p: Principal) {
  if (!reauthFresh(p)) throw new HttpError(401, 'confirm it is you: enter your password or a code, or use a passkey', { needs: 'reauth' });
}

/**
 * Re-authenticates a session with its user's password or a TOTP/recovery code (passkeys: passkeys.ts).
 * Counted by the login limiter like a sign-in, so it cannot be used to guess either.
 */
export async function reauthenticate(ae: AppEnv, ip: string, p: Principal, proof: { password: string } | { code: string }): Promise<{ reauthAt: number }> {
  if (p.via !== 'session' || !p.sessionHash) throw new HttpError(400, 'only a browser session re-authenticates');
  const wait = ae.app.loginLimiter.begin(ip, p.username);
  if (wait > 0) {
    recordAudit(ae.app.db, { username: p.username, action: 'reauth', result: 'denied', detail: 'rate limited' });
    throw new HttpError(429, 'too many failed attempts; try again later', { retryAfter: wait });
  }
  const user = findUser(ae.app.db, p.username);
  let ok = false;
  let method: string;
  if ('password' in proof) {
    method = 'password';
    // a single sign-on user has no usable password (a random hash), so this fails for them as it should
    ok = await verifyPassword(proof.password, user?.password_hash ?? (await dummyPasswordHash()));
  } else {
    method = 'code';
    ok = !!user && checkSecondFactor(ae.app.db, user.username, proof.code) !== null;
  }
  if (!ok || !user) {
    recordAudit(ae.app.db, { username: p.username, action: 'reauth', result: 'failed', detail: { ip, method } });
    throw new HttpError(401, method === 'password' ? 'wrong password' : 'wrong or already used code', { needs: 'reauth' });
  }
  ae.app.loginLimiter.recordSuccess(ip, p.username);
  const at = Date.now();
  markReauthenticated(ae.app.db, p.sessionHash, at);
  recordAudit(ae.app.db, { username: p.username, action: 'reauth', result: 'ok', detail: { ip, method } });
  return { reauthAt: at };
}
