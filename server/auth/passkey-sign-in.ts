// Passkey assertions turned into a session (sign-in) or a fresh proof on the current one (re-authentication).
import type { AppEnv } from '../app';
import type { Principal } from './permissions';
import type { Role } from '../contract';
import { HttpError } from '../http/errors';
import { verifyAssertion, type RelyingParty } from './passkeys';
import { createSession, markReauthenticated } from './sessions';
import { findUser } from './users';
import { recordAudit } from '../audit/audit-log';

export async function signInWithPasskey(ae: AppEnv, ip: string, rp: RelyingParty, challengeId: string, response: unknown): Promise<{ sessionId: string; expiresAt: number; username: string; role: Role }> {
  let who: { username: string; passkeyId: string };
  try {
    who = await verifyAssertion(ae.app.db, rp, challengeId, response);
  } catch (e) {
    recordAudit(ae.app.db, { username: null, action: 'login', result: 'failed', detail: { ip, method: 'passkey', error: (e as Error).message } });
    throw e;
  }
  const user = findUser(ae.app.db, who.username);
  if (!user) throw new HttpError(401, 'unknown passkey');
  const s = createSession(ae.app.db, user.username, ae.app.config.SLIPWAY_SESSION_TTL, 'passkey');
  recordAudit(ae.app.db, { username: user.username, action: 'login', result: 'ok', detail: { ip, method: 'passkey', passkey: who.passkeyId } });
  return { sessionId: s.id, expiresAt: s.expiresAt, username: user.username, role: user.role };
}

export async function reauthWithPasskey(ae: AppEnv, rp: RelyingParty, p: Principal, challengeId: string, response: unknown): Promise<{ reauthAt: number }> {
  if (p.via !== 'session' || !p.sessionHash) throw new HttpError(400, 'only a browser session re-authenticates');
  let who: { username: string };
  try {
    who = await verifyAssertion(ae.app.db, rp, challengeId, response);
  } catch (e) {
    recordAudit(ae.app.db, { username: p.username, action: 'reauth', result: 'failed', detail: { method: 'passkey', error: (e as Error).message } });
    throw new HttpError(401, (e as Error).message, { needs: 'reauth' });
  }
  if (who.username !== p.username) {
    recordAudit(ae.app.db, { username: p.username, action: 'reauth', result: 'failed', detail: { method: 'passkey', reason: "another user's passkey" } });
    throw new HttpError(401, 'that passkey belongs to another user', { needs: 'reauth' });
  }
  const at = Date.now();
  markReauthenticated(ae.app.db, p.sessionHash, at);
  recordAudit(ae.app.db, { username: p.username, action: 'reauth', result: 'ok', detail: { method: 'passkey' } });
  return { reauthAt: at };
}
