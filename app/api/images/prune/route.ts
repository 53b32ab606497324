import { route } from '@/server/http/route-handler';
import { pruneImagesBody } from '@/server/contract';
import { pruneDangling, pruneImages, prunePreview } from '@/server/images/prune-images';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

/** the preview: what a prune would remove and the space it frees */
export const GET = route({ permission: 'read' }, async ({ env }) => prunePreview(env.docker));

export const POST = route({ permission: 'resources:remove', body: pruneImagesBody }, async ({ app, env, body, principal }) => {
  const r = body.ids ? await pruneImages(env.docker, body.ids) : await pruneDangling(env.docker);
  recordAudit(app.db, { username: principal.username, action: 'image.prune', target: body.ids ? `${body.ids.length} images` : 'dangling', result: 'ok', detail: { deleted: r.deleted.length, reclaimedBytes: r.reclaimedBytes, skipped: r.skipped.length } });
  return r;
});
