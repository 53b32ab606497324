import { pullIdParam } from '@/server/contract';
import { route } from '@/server/http/route-handler';
import { HttpError } from '@/server/http/errors';
import { pullTracker } from '@/server/images/pull-image';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: pullIdParam }, async ({ env, params }) => {
  const s = pullTracker(env).pulls.get(params.id);
  if (!s) throw new HttpError(404, 'no such pull');
  return s;
});
