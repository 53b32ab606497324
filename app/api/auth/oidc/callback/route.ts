import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { finishOidc, OIDC_FLOW_COOKIE } from '@/server/auth/oidc';
import { noteSessionClient, readCookie } from '@/server/auth/sessions';
import { clientIp } from '@/server/http/principal';
import { withSessionCookie } from '@/server/http/session-cookie';

export const dynamic = 'force-dynamic';

/**
 * The provider's redirect back. Success answers a small page that moves on by itself: the session cookie is
 * SameSite=Strict, and a redirect chain that began at the provider would not send it on the next request.
 * Failure goes to the sign-in page with the reason.
 */
export const GET = route({ permission: null }, async ({ app, env, req }) => {
  const flowId = readCookie(req.headers.get('cookie'), OIDC_FLOW_COOKIE);
  let res: NextResponse;
  try {
    const r = await finishOidc({ app, env }, clientIp(req.headers), flowId, new URL(req.url).search);
    noteSessionClient(app.db, r.sessionId, req.headers.get('user-agent'));
    const next = JSON.stringify(r.next).replace(/</g, '\\u003c');
    const html = `<!doctype html><meta charset="utf-8"><title>Signing in…</title><meta http-equiv="refresh" content="0;url=${encodeURI(r.next)}"><p>Signed in as ${r.username}. <a href=${next}>Continue</a></p>`;
    res = withSessionCookie(new NextResponse(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }), req, r.sessionId, r.expiresAt);
  } catch (e) {
    const reason = (e as Error).message.slice(0, 300);
    res = NextResponse.redirect(new URL(`/login?error=${encodeURIComponent(reason)}`, req.url), 303);
  }
  res.cookies.set(OIDC_FLOW_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/api/auth/oidc', maxAge: 0 });
  return res;
});
