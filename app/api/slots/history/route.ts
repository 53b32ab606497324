import { z } from 'zod';
import { route } from '@/server/http/route-handler';
import { groupNameSchema } from '@/server/contract';
import { listSwitches } from '@/server/slots/history';
import { catalogEnv } from '@/server/environments/registry';

const query = z.object({ group: groupNameSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });

export const GET = route({ permission: 'read', query }, async ({ ctx, query }) => listSwitches(ctx.db, query.group ?? null, query.limit, catalogEnv(ctx)));
