import { checkOrigin, route } from '@/server/http/route-handler';
import { beginAuthentication } from '@/server/auth/passkeys';
import { relyingParty } from '@/server/http/request-origin';

/** A challenge for signing in (or re-authenticating) with a passkey: options for navigator.credentials.get(). */
export const POST = route({ permission: null }, async ({ app, req }) => {
  if (req.headers.get('origin')) {
    const refused = checkOrigin(app, req);
    if (refused) return refused;
  }
  return beginAuthentication(relyingParty(app, req));
});
