import { route } from '@/server/http/route-handler';
import { listTargets } from '@/server/backups/targets-list';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ app, env }) => listTargets({ app, env }));
