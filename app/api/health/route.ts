import { route } from '@/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: null }, async ({ env }) => {
  const engine = env.watcher.engine;
  return { status: engine.reachable ? 'ok' : 'degraded', docker: { reachable: engine.reachable, version: engine.version, error: engine.error } };
});
