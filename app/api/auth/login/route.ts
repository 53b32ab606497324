import { NextResponse } from 'next/server';
import { checkOrigin, route } from '@/server/http/route-handler';
import { loginBody, type LoginResult } from '@/server/contract';
import { login } from '@/server/auth/login';
import { clientIp } from '@/server/http/principal';
import { withSessionCookie } from '@/server/http/session-cookie';
import { noteSessionClient } from '@/server/auth/sessions';

export const POST = route({ permission: null, body: loginBody }, async ({ app, env, req, body }) => {
  // Login CSRF: a browser always sends Origin on POST; scripts without one may log in.
  if (req.headers.get('origin')) {
    const refused = checkOrigin(app, req);
    if (refused) return refused;
  }
  const r = await login({ app, env }, clientIp(req.headers), body.username, body.password, body.code);
  const answer: LoginResult = { username: r.username, role: r.role, ...(r.mustEnrol ? { mustEnrol: true } : {}), ...(r.mustChangePassword ? { mustChangePassword: true } : {}) };
  noteSessionClient(app.db, r.sessionId, req.headers.get('user-agent'));
  return withSessionCookie(NextResponse.json(answer), req, r.sessionId, r.expiresAt);
});
