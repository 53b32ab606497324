import { route } from '@/server/http/route-handler';
import { updateJobParam } from '@/server/contract';
import { HttpError } from '@/server/http/errors';
import { getUpdateJob } from '@/server/updates/apply-update';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: updateJobParam }, async ({ env, params }) => {
  const job = getUpdateJob(env, params.id);
  if (!job) throw new HttpError(404, 'no such update');
  return job;
});
