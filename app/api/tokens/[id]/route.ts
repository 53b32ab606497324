import { route } from '@/server/http/route-handler';
import { tokenIdParam } from '@/server/contract';
import { revokeTokenNow } from '@/server/auth/access-changes';
import { recordAudit } from '@/server/audit/audit-log';

// Revoking ends the token's open sockets at once (and with them its shells and subscriptions).
export const DELETE = route({ permission: 'users:manage', reauth: true, params: tokenIdParam }, async ({ app, params, principal }) => {
  const row = revokeTokenNow(app, params.id);
  recordAudit(app.db, { username: principal.username, action: 'token.revoke', target: row.name, result: 'ok', detail: { id: row.id } });
  return { ok: true };
});
