import { route } from '@/server/http/route-handler';
import { reauthBody } from '@/server/contract';
import { reauthenticate } from '@/server/auth/reauth';
import { reauthWithPasskey } from '@/server/auth/passkey-sign-in';
import { clientIp } from '@/server/http/principal';
import { relyingParty } from '@/server/http/request-origin';

/** Proves the session's user again (password, TOTP or recovery code, or a passkey assertion). */
export const POST = route({ permission: 'read', body: reauthBody }, async ({ app, env, req, principal, body }) => {
  if ('challengeId' in body) return reauthWithPasskey({ app, env }, relyingParty(app, req), principal, body.challengeId, body.response);
  return reauthenticate({ app, env }, clientIp(req.headers), principal, body);
});
