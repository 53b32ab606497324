import { NextResponse } from 'next/server';
import { checkOrigin, route } from '@/server/http/route-handler';
import { passkeyFinishBody, type LoginResult } from '@/server/contract';
import { signInWithPasskey } from '@/server/auth/passkey-sign-in';
import { clientIp } from '@/server/http/principal';
import { relyingParty } from '@/server/http/request-origin';
import { withSessionCookie } from '@/server/http/session-cookie';
import { noteSessionClient } from '@/server/auth/sessions';

/** Signs in with a passkey assertion: the credential names its user. */
export const POST = route({ permission: null, body: passkeyFinishBody }, async ({ app, env, req, body }) => {
  if (req.headers.get('origin')) {
    const refused = checkOrigin(app, req);
    if (refused) return refused;
  }
  const r = await signInWithPasskey({ app, env }, clientIp(req.headers), relyingParty(app, req), body.challengeId, body.response);
  const answer: LoginResult = { username: r.username, role: r.role };
  noteSessionClient(app.db, r.sessionId, req.headers.get('user-agent'));
  return withSessionCookie(NextResponse.json(answer), req, r.sessionId, r.expiresAt);
});
