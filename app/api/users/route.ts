import { route } from '@/server/http/route-handler';
import { createUserBody } from '@/server/contract';
import { createUser, listUsers } from '@/server/auth/users';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage' }, async ({ app }) => listUsers(app.db));

export const POST = route({ permission: 'users:manage', reauth: true, body: createUserBody }, async ({ app, body, principal }) => {
  const user = await createUser(app.db, body.username, body.password, body.role);
  recordAudit(app.db, { username: principal.username, action: 'user.create', target: body.username, result: 'ok', detail: { role: body.role } });
  return user;
});
