import { route } from '@/server/http/route-handler';
import { auditQuery } from '@/server/contract';
import { auditEnvFilter, listAudit } from '@/server/audit/audit-log';
import { catalogEnv } from '@/server/environments/registry';

export const dynamic = 'force-dynamic';

// Everyone may read the log; only admins read other users' details (server/audit/audit-log.ts).
// `?env=NAME` (picked by route()) narrows it to that environment's entries.
export const GET = route({ permission: 'read', query: auditQuery }, async ({ app, env, req, query, principal }) => {
  const { limit, before, ...filters } = query;
  return listAudit(app.db, limit, principal, filters, before, auditEnvFilter(req, env.name, catalogEnv({ app, env }).defaultName));
});
