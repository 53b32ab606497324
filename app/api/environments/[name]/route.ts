import { z } from 'zod';
import { route } from '@/server/http/route-handler';
import { environmentNameSchema } from '@/server/contract';
import { removeEnvironment } from '@/server/environments/manage-environments';

export const dynamic = 'force-dynamic';

export const DELETE = route({ permission: 'environments:manage', params: z.object({ name: environmentNameSchema }) }, async ({ ctx, params, principal }) => {
  removeEnvironment(ctx, params.name, principal.username);
  return { ok: true };
});
