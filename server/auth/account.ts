// A signed-in user's own account: password change, the state of their sign-in factors, removing TOTP.
import type { App } from '../app';
import type { AccountSecurity } from '../contract';
import type { Principal } from './permissions';
import { HttpError } from '../http/errors';
import { findUser } from './users';
import { hashPassword, verifyPassword } from './passwords';
import { disableTotp, recoveryCodesLeft, totpEnabled } from './second-factor';
import { listPasskeys } from './passkey-store';
import { markReauthenticated } from './sessions';
import { recordAudit } from '../audit/audit-log';

export function accountSecurity(app: App, p: Principal): AccountSecurity {
  const user = findUser(app.db, p.username);
  if (!user) throw new HttpError(404, 'this account is a token, not a user');
  return {
    username: user.username,
    source: user.source === 'oidc' ? 'oidc' : 'local',
    totpEnabled: totpEnabled(app.db, user.username),
    recoveryCodesLeft: recoveryCodesLeft(app.db, user.username),
    passkeys: listPasskeys(app.db, user.username),
    reauthAt: p.reauthAt ?? null,
    mustEnrol: p.mustEnrol ?? false,
    mustChangePassword: p.mustChangePassword ?? false,
  };
}

/**
 * The user's own password: the current one proves them (rate-limited like a sign-in). Their other
 * sessions end (a password change is what one does after a leak); this session stays, freshly proved.
 */
export async function changeOwnPassword(app: App, ip: string, p: Principal, current: string, next: string): Promise<{ revokedSessions: number }> {
  if (p.via !== 'session' || !p.sessionHash) throw new HttpError(400, 'a token has no password; sign in to change yours');
  const user = findUser(app.db, p.username);
  if (!user) throw new HttpError(404, `no user ${p.username}`);
  if (user.source === 'oidc') throw new HttpError(409, 'this account signs in through single sign-on and has no password here');
  if (next === current) throw new HttpError(400, 'choose a new password, not the current one');
  const wait = app.loginLimiter.begin(ip, p.username);
  if (wait > 0) throw new HttpError(429, 'too many failed attempts; try again later', { retryAfter: wait });
  if (!(await verifyPassword(current, user.password_hash))) {
    recordAudit(app.db, { username: p.username, action: 'password.change', target: p.username, result: 'failed', detail: { ip, reason: 'wrong current password' } });
    throw new HttpError(400, 'the current password is wrong');
  }
  app.loginLimiter.recordSuccess(ip, p.username);
  const hash = await hashPassword(next);
  const others = app.db.transaction(() => {
    // choosing a new password lifts an admin's reset (must_change_password)
    app.db.prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE username = ?').run(hash, p.username);
    const hashes = (app.db.prepare('SELECT id_hash FROM sessions WHERE username = ? AND id_hash != ?').all(p.username, p.sessionHash) as { id_hash: string }[]).map((r) => r.id_hash);
    app.db.prepare('DELETE FROM sessions WHERE username = ? AND id_hash != ?').run(p.username, p.sessionHash);
    return hashes;
  })();
  for (const sessionHash of others) app.disconnectSockets({ sessionHash });
  markReauthenticated(app.db, p.sessionHash);
  recordAudit(app.db, { username: p.username, action: 'password.change', target: p.username, result: 'ok', detail: { ip, revokedSessions: others.length } });
  return { revokedSessions: others.length };
}

/** Removes a user's TOTP and recovery codes (their own, or an admin's reset of a locked-out user's). */
export function removeTotp(app: App, actor: string, username: string) {
  if (!findUser(app.db, username)) throw new HttpError(404, `no user ${username}`);
  const had = totpEnabled(app.db, username);
  disableTotp(app.db, username);
  recordAudit(app.db, { username: actor, action: 'totp.remove', target: username, result: 'ok', detail: { wasEnabled: had } });
}

/**
 * An admin sets another user's password and makes them choose their own at next sign-in
 * (users.must_change_password). Every session of theirs ends, and their sockets with them.
 */
export async function resetPassword(app: App, actor: string, username: string, password: string): Promise<{ revokedSessions: number }> {
  const user = findUser(app.db, username);
  if (!user) throw new HttpError(404, `no user ${username}`);
  if (user.source === 'oidc') throw new HttpError(409, `${username} signs in through single sign-on and has no password here`);
  if (username === actor) throw new HttpError(400, 'change your own password on the account page');
  const hash = await hashPassword(password);
  const revokedSessions = app.db.transaction(() => {
    app.db.prepare('UPDATE users SET password_hash = ?, must_change_password = 1 WHERE username = ?').run(hash, username);
    return app.db.prepare('DELETE FROM sessions WHERE username = ?').run(username).changes;
  })();
  app.disconnectSockets({ username });
  recordAudit(app.db, { username: actor, action: 'user.password-reset', target: username, result: 'ok', detail: { revokedSessions, mustChangePassword: true } });
  return { revokedSessions };
}
