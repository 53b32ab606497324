import { route } from '@/server/http/route-handler';
import { eventsQuery } from '@/server/contract';
import { queryEvents } from '@/server/events/query-events';

export const dynamic = 'force-dynamic';

// The timeline (server/events): every environment's events, or one's with ?env= (route() checks the name).
export const GET = route({ permission: 'read', query: eventsQuery }, async ({ app, env, query, req }) => {
  const scoped = new URL(req.url).searchParams.has('env');
  return queryEvents(app.db, { ...query, env: scoped ? env.name : undefined });
});
