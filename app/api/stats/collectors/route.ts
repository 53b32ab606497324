import { route } from '@/server/http/route-handler';
import { statsHub } from '@/server/stats/stats-hub';

export const dynamic = 'force-dynamic';

/** The live collectors: one per watched container, with its viewer count and Docker streams opened. */
export const GET = route({ permission: 'read' }, async ({ app, env }) => statsHub({ app, env }).list());
