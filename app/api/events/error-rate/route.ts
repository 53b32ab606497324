import { route } from '@/server/http/route-handler';
import { errorRateQuery } from '@/server/contract';
import { errorRate } from '@/server/events/error-rate';
import { timeBound } from '@/server/events/query-events';

export const dynamic = 'force-dynamic';

// Per-minute error line counts of the chosen environment's containers (server/events/error-rate.ts).
export const GET = route({ permission: 'read', query: errorRateQuery }, async ({ app, env, query }) => {
  const now = Date.now();
  const since = Math.max(timeBound('since', query.since ?? '1h', now)!, now - 24 * 3_600_000);
  return errorRate({ app, env }).points(since, { project: query.project, service: query.service });
});
