import { route } from '@/server/http/route-handler';
import { volumeNameParam } from '@/server/contract';
import { removeVolume } from '@/server/volumes/volumes';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const DELETE = route({ permission: 'resources:remove', params: volumeNameParam }, async ({ app, env, params, principal }) => {
  try {
    await removeVolume(env.docker, params.name);
    recordAudit(app.db, { username: principal.username, action: 'volume.remove', target: params.name, result: 'ok' });
    return { removed: [params.name] };
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'volume.remove', target: params.name, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
