import { route } from '@/server/http/route-handler';
import { operationIdParam } from '@/server/contract';
import { HttpError } from '@/server/http/errors';
import { operations } from '@/server/stacks/operations';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: operationIdParam }, async ({ app, env, params }) => {
  const op = await operations({ app, env }).settled(params.id);
  if (!op) throw new HttpError(404, `no operation ${params.id}`);
  return op;
});
