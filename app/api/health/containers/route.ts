import { route } from '@/server/http/route-handler';
import { healthReports } from '@/server/health/health-report';

export const dynamic = 'force-dynamic';

/** Every container's rollup with its reasons, not healthy first. */
export const GET = route({ permission: 'read' }, async ({ app, env }) => healthReports({ app, env }));
