import { route } from '@/server/http/route-handler';
import { createStackBody } from '@/server/contract';
import { listStacks } from '@/server/stacks/list';
import { createStack } from '@/server/stacks/manage';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ app, env }) => listStacks({ app, env }));

export const POST = route({ permission: 'stacks:edit', body: createStackBody }, async ({ app, env, body, principal }) => {
  const created = await createStack({ app, env }, body, principal.username);
  return Response.json(created, { status: 201 });
});
