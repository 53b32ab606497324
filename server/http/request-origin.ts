// The origin the browser is on for this request (Host as the client sent it, or the proxy's forwarded one;
// an Origin check has already tied writes to it), and the WebAuthn relying party derived from it.
import type { App } from '../app';
import { ownOrigin } from '../auth/origin';
import { relyingPartyOf, type RelyingParty } from '../auth/passkeys';

export function requestOrigin(app: App, req: Request): string {
  return ownOrigin(req.headers, `${app.config.HOST}:${app.config.PORT}`);
}

export function relyingParty(app: App, req: Request): RelyingParty {
  return relyingPartyOf(requestOrigin(app, req));
}
