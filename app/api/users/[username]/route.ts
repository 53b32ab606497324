import { route } from '@/server/http/route-handler';
import { updateUserBody, usernameParam } from '@/server/contract';
import { deleteUserNow, updateUserNow } from '@/server/auth/access-changes';
import { recordAudit } from '@/server/audit/audit-log';

export const PATCH = route({ permission: 'users:manage', reauth: true, params: usernameParam, body: updateUserBody }, async ({ app, params, body, principal }) => {
  const user = await updateUserNow(app, params.username, body);
  recordAudit(app.db, {
    username: principal.username, action: 'user.update', target: params.username, result: 'ok',
    detail: { role: body.role, passwordChanged: body.password !== undefined },
  });
  return user;
});

export const DELETE = route({ permission: 'users:manage', reauth: true, params: usernameParam }, async ({ app, params, principal }) => {
  const { revokedTokens } = deleteUserNow(app, params.username);
  recordAudit(app.db, { username: principal.username, action: 'user.delete', target: params.username, result: 'ok', detail: { revokedTokens } });
  return { ok: true };
});
