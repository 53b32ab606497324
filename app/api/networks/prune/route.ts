import { route } from '@/server/http/route-handler';
import { removeUnusedBody } from '@/server/contract';
import { removeUnusedNetworks } from '@/server/networks/networks';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const POST = route({ permission: 'resources:remove', body: removeUnusedBody }, async ({ app, env, body, principal }) => {
  const r = await removeUnusedNetworks(env.docker, body.names);
  recordAudit(app.db, { username: principal.username, action: 'network.prune', target: `${body.names.length} networks`, result: 'ok', detail: { ...r } });
  return r;
});
