import { route } from '@/server/http/route-handler';
import { networkIdParam } from '@/server/contract';
import { removeNetwork } from '@/server/networks/networks';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const DELETE = route({ permission: 'resources:remove', params: networkIdParam }, async ({ app, env, params, principal }) => {
  try {
    const n = await removeNetwork(env.docker, params.id);
    recordAudit(app.db, { username: principal.username, action: 'network.remove', target: n.name, result: 'ok' });
    return { removed: [n.name] };
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'network.remove', target: params.id, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
