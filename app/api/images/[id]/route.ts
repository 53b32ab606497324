import { route } from '@/server/http/route-handler';
import { imageIdParam } from '@/server/contract';
import { removeImage } from '@/server/images/remove-image';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const DELETE = route({ permission: 'resources:remove', params: imageIdParam }, async ({ app, env, params, principal }) => {
  try {
    const r = await removeImage(env.docker, params.id);
    recordAudit(app.db, { username: principal.username, action: 'image.remove', target: r.id, result: 'ok', detail: { tags: r.tags } });
    return { deleted: [r.id] };
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'image.remove', target: params.id, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
