import { route } from '@/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: null }, async ({ ctx }) => {
  const engine = ctx.watcher.engine;
  return { status: engine.reachable ? 'ok' : 'degraded', docker: { reachable: engine.reachable, version: engine.version, error: engine.error } };
});
