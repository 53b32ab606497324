// The origin the browser is on for this request (Host as the client sent it, or the proxy's forwarded one;
// an Origin check has already tied writes to it), and the WebAuthn relying party derived from it.
import type { AppContext } from '../context';
import { ownOrigin } from '../auth/origin';
import { relyingPartyOf, type RelyingParty } from '../auth/passkeys';

export function requestOrigin(ctx: AppContext, req: Request): string {
  return ownOrigin(req.headers, `${ctx.config.HOST}:${ctx.config.PORT}`);
}

export function relyingParty(ctx: AppContext, req: Request): RelyingParty {
  return relyingPartyOf(requestOrigin(ctx, req));
}
