import { route } from '@/server/http/route-handler';
import { groupStacks } from '@/server/docker/group-stacks';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ ctx }) => groupStacks(ctx.watcher.list()));
