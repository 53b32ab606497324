import { route } from '@/server/http/route-handler';
import { can } from '@/server/auth/permissions';
import { forRole, updateChecker } from '@/server/updates/checker';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ app, env, principal }) => {
  const detail = can(principal, 'updates:check');
  return updateChecker(app, env).list().map((u) => forRole(u, detail));
});
