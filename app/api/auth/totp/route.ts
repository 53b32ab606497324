import { route } from '@/server/http/route-handler';
import { removeTotp } from '@/server/auth/account';
import { HttpError } from '@/server/http/errors';

/** Turns the caller's own TOTP off (recovery codes too). */
export const DELETE = route({ permission: 'read', reauth: true }, async ({ app, principal }) => {
  if (principal.via !== 'session') throw new HttpError(400, 'two-factor authentication belongs to a user');
  removeTotp(app, principal.username, principal.username);
  return { ok: true };
});
