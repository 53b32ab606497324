import { route } from '@/server/http/route-handler';
import { removeUnusedBody } from '@/server/contract';
import { removeUnusedVolumes } from '@/server/volumes/volumes';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

/** remove-unused: exactly the names the confirmation listed, each only if still unused */
export const POST = route({ permission: 'resources:remove', body: removeUnusedBody }, async ({ app, env, body, principal }) => {
  const r = await removeUnusedVolumes(env.docker, body.names);
  recordAudit(app.db, { username: principal.username, action: 'volume.prune', target: `${body.names.length} volumes`, result: 'ok', detail: { ...r } });
  return r;
});
