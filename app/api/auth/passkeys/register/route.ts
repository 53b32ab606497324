import { route } from '@/server/http/route-handler';
import { passkeyFinishBody } from '@/server/contract';
import { finishRegistration } from '@/server/auth/passkeys';
import { relyingParty } from '@/server/http/request-origin';
import { recordAudit } from '@/server/audit/audit-log';
import { HttpError } from '@/server/http/errors';

/** Finishes registering: the authenticator's answer is verified against the challenge, then stored. */
export const POST = route({ permission: 'read', reauth: true, duringEnrolment: true, body: passkeyFinishBody }, async ({ app, req, principal, body }) => {
  const p = principal;
  if (p.via !== 'session') throw new HttpError(400, 'a passkey belongs to a user; sign in to add one');
  const name = body.name ?? 'Passkey';
  try {
    const r = await finishRegistration(app.db, p.username, relyingParty(app, req), body.challengeId, body.response, name);
    recordAudit(app.db, { username: p.username, action: 'passkey.add', target: p.username, result: 'ok', detail: { id: r.id, name } });
    return r;
  } catch (e) {
    recordAudit(app.db, { username: p.username, action: 'passkey.add', target: p.username, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
