import { route } from '@/server/http/route-handler';
import { containerIdParam } from '@/server/contract';
import { containerDetail } from '@/server/docker/container-detail';
import { can } from '@/server/auth/permissions';
import { healthMonitor } from '@/server/health/health-monitor';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: containerIdParam }, async ({ ctx, params, principal }) => {
  const monitor = healthMonitor(ctx);
  return containerDetail(ctx.docker, ctx.watcher, params.id, can(principal, 'containers:control'), {
    latest: (id) => monitor.latestFor(id),
    history: (id) => monitor.historyFor(id),
  });
});
