import { route } from '@/server/http/route-handler';
import { scaleBody, stackServiceParam } from '@/server/contract';
import { startOperation } from '@/server/stacks/start-operation';

export const dynamic = 'force-dynamic';

export const POST = route({ permission: 'stacks:operate', params: stackServiceParam, body: scaleBody }, async ({ app, env, params, body, principal }) => {
  const op = await startOperation({ app, env }, params.name, { action: 'scale', service: params.service, replicas: body.replicas }, principal.username);
  return Response.json({ id: op.id }, { status: 202 });
});
