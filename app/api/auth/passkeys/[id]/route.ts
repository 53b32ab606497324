import { route } from '@/server/http/route-handler';
import { passkeyIdParam } from '@/server/contract';
import { removePasskey } from '@/server/auth/passkey-store';
import { recordAudit } from '@/server/audit/audit-log';
import { HttpError } from '@/server/http/errors';

/** Removes one of the caller's own passkeys. */
export const DELETE = route({ permission: 'read', reauth: true, params: passkeyIdParam }, async ({ app, principal, params }) => {
  if (!removePasskey(app.db, principal.username, params.id)) throw new HttpError(404, 'no such passkey of yours');
  recordAudit(app.db, { username: principal.username, action: 'passkey.remove', target: principal.username, result: 'ok', detail: { id: params.id } });
  return { ok: true };
});
