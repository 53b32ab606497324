import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { beginOidc, OIDC_FLOW_COOKIE } from '@/server/auth/oidc';
import { safeNextPath } from '@/server/auth/safe-next';
import { requestOrigin } from '@/server/http/request-origin';

export const dynamic = 'force-dynamic';

/** Sends the browser to the OpenID provider; the flow's secrets stay here, its id in a cookie for the callback. */
export const GET = route({ permission: null }, async ({ app, env, req }) => {
  const origin = app.config.SLIPWAY_PUBLIC_ORIGIN[0] ?? requestOrigin(app, req);
  const next = safeNextPath(new URL(req.url).searchParams.get('next'), origin);
  const { url, flowId } = await beginOidc({ app, env }, origin, next);
  const res = NextResponse.redirect(url, 303);
  // Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it
  res.cookies.set(OIDC_FLOW_COOKIE, flowId, { httpOnly: true, sameSite: 'lax', secure: origin.startsWith('https:'), path: '/api/auth/oidc', maxAge: 600 });
  return res;
});
