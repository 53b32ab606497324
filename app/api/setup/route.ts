import { NextResponse } from 'next/server';
import { checkOrigin, route } from '@/server/http/route-handler';
import { setupBody } from '@/server/contract';
import { completeSetup, login } from '@/server/auth/login';
import { countUsers } from '@/server/auth/users';
import { clientIp } from '@/server/http/principal';
import { withSessionCookie } from '@/server/http/session-cookie';
import { HttpError } from '@/server/http/errors';
import { noteSessionClient } from '@/server/auth/sessions';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: null }, async ({ app }) => ({ needed: app.setup.token !== null && countUsers(app.db) === 0 }));

export const POST = route({ permission: null, body: setupBody }, async ({ app, env, req, body }) => {
  if (req.headers.get('origin')) {
    const refused = checkOrigin(app, req);
    if (refused) return refused;
  }
  const ip = clientIp(req.headers);
  if (app.loginLimiter.retryAfter(ip, 'setup') > 0) throw new HttpError(429, 'too many failed attempts; try again later');
  await completeSetup({ app, env }, ip, body.token, body.username, body.password);
  const r = await login({ app, env }, ip, body.username, body.password);
  noteSessionClient(app.db, r.sessionId, req.headers.get('user-agent'));
  return withSessionCookie(NextResponse.json({ username: r.username, role: r.role }), req, r.sessionId, r.expiresAt);
});
