import { route } from '@/server/http/route-handler';
import { containerActionParam } from '@/server/contract';
import { runContainerAction } from '@/server/docker/container-actions';
import { recordAudit } from '@/server/audit/audit-log';

export const POST = route({ permission: 'containers:control', params: containerActionParam }, async ({ ctx, params, principal }) => {
  try {
    const c = await runContainerAction(ctx.docker, ctx.watcher, params.id, params.action);
    recordAudit(ctx.db, { username: principal!.username, action: `container.${params.action}`, target: c.name, result: 'ok' });
    return { id: c.id, name: c.name, state: c.state };
  } catch (e) {
    recordAudit(ctx.db, { username: principal!.username, action: `container.${params.action}`, target: params.id, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
