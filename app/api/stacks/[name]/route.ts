import { route } from '@/server/http/route-handler';
import { deleteStackBody, stackParam } from '@/server/contract';
import { stackDetail } from '@/server/stacks/list';
import { deleteStack } from '@/server/stacks/manage';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: stackParam }, async ({ app, env, params }) => stackDetail({ app, env }, params.name));

export const DELETE = route({ permission: 'stacks:edit', params: stackParam, body: deleteStackBody }, async ({ app, env, params, body, principal }) =>
  deleteStack({ app, env }, params.name, body.confirm, principal.username),
);
