import { route } from '@/server/http/route-handler';
import { beginRegistration } from '@/server/auth/passkeys';
import { relyingParty } from '@/server/http/request-origin';
import { HttpError } from '@/server/http/errors';

/** Starts registering a passkey for the caller: the options for navigator.credentials.create(). */
export const POST = route({ permission: 'read', reauth: true, duringEnrolment: true }, async ({ app, req, principal }) => {
  if (principal.via !== 'session') throw new HttpError(400, 'a passkey belongs to a user; sign in to add one');
  return beginRegistration(app.db, principal.username, relyingParty(app, req));
});
