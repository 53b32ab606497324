import { route } from '@/server/http/route-handler';
import { operationBody, stackParam } from '@/server/contract';
import { operations } from '@/server/stacks/operations';
import { startOperation } from '@/server/stacks/start-operation';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: stackParam }, async ({ app, env, params }) => operations({ app, env }).list(params.name));

export const POST = route({ permission: 'stacks:operate', params: stackParam, body: operationBody }, async ({ app, env, params, body, principal }) => {
  const op = await startOperation({ app, env }, params.name, body, principal.username);
  return Response.json({ id: op.id }, { status: 202 });
});
