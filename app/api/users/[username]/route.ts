import { route } from '@/server/http/route-handler';
import { updateUserBody, usernameParam } from '@/server/contract';
import { deleteUser, updateUser } from '@/server/auth/users';
import { recordAudit } from '@/server/audit/audit-log';

export const PATCH = route({ permission: 'users:manage', params: usernameParam, body: updateUserBody }, async ({ ctx, params, body, principal }) => {
  const user = await updateUser(ctx.db, params.username, body);
  ctx.disconnectSockets({ username: params.username });
  recordAudit(ctx.db, {
    username: principal!.username, action: 'user.update', target: params.username, result: 'ok',
    detail: { role: body.role, passwordChanged: body.password !== undefined },
  });
  return user;
});

export const DELETE = route({ permission: 'users:manage', params: usernameParam }, async ({ ctx, params, principal }) => {
  deleteUser(ctx.db, params.username);
  ctx.disconnectSockets({ username: params.username });
  recordAudit(ctx.db, { username: principal!.username, action: 'user.delete', target: params.username, result: 'ok' });
  return { ok: true };
});
