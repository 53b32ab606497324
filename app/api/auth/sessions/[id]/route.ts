import { route } from '@/server/http/route-handler';
import { sessionIdParam } from '@/server/contract';
import { revokeOwnSession } from '@/server/auth/own-sessions';

/** Ends one of the caller's own other sessions (audited as session.revoke). */
export const DELETE = route({ permission: 'read', params: sessionIdParam }, async ({ app, principal, params }) => {
  revokeOwnSession(app, principal, params.id);
  return { ok: true };
});
