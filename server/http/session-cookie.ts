import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from '../auth/sessions';

/** httpOnly, SameSite=Strict; Secure when the request came over https (directly or via a proxy). */
export function withSessionCookie(res: NextResponse, req: Request, id: string, expiresAt: number) {
  const https = new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
  res.cookies.set(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: https, path: '/', expires: new Date(expiresAt) });
  return res;
}

export function clearSessionCookie(res: NextResponse) {
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 });
  return res;
}
