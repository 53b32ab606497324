import { route } from '@/server/http/route-handler';
import { usernameParam } from '@/server/contract';
import { removeTotp } from '@/server/auth/account';
import { recordAudit } from '@/server/audit/audit-log';

/** An admin's reset for a locked-out user: their TOTP, recovery codes and passkeys are removed. */
export const DELETE = route({ permission: 'users:manage', reauth: true, params: usernameParam }, async ({ app, principal, params }) => {
  removeTotp(app, principal.username, params.username);
  const passkeys = app.db.prepare('DELETE FROM passkeys WHERE username = ?').run(params.username).changes;
  recordAudit(app.db, { username: principal.username, action: 'passkey.remove', target: params.username, result: 'ok', detail: { count: passkeys, by: 'admin reset' } });
  return { ok: true };
});
