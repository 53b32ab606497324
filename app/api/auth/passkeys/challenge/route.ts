import { checkOrigin, route } from '@/server/http/route-handler';
import { beginAuthentication } from '@/server/auth/passkeys';
import { relyingParty } from '@/server/http/request-origin';

/** A challenge for signing in (or re-authenticating) with a passkey: options for navigator.credentials.get(). */
export const POST = route({ permission: null }, async ({ ctx, req }) => {
  if (req.headers.get('origin')) {
    const refused = checkOrigin(ctx, req);
    if (refused) return refused;
  }
  return beginAuthentication(relyingParty(ctx, req));
});
