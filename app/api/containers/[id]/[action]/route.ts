// POST /api/containers/:id/start|stop|restart|pause|unpause|recreate -> {id, name, state}; audited.
import { route } from '@/server/http/route-handler';
import { lifecycleActionParam, type ContainerActionResult } from '@/server/contract';
import { runContainerAction } from '@/server/docker/container-actions';
import { recreateContainer } from '@/server/docker/container-recreate';
import { recordAudit } from '@/server/audit/audit-log';

export const POST = route({ permission: 'containers:control', params: lifecycleActionParam }, async ({ app, env, params, principal }) => {
  const action = `container.${params.action}`;
  try {
    let detail: string | undefined;
    let c;
    if (params.action === 'recreate') {
      const r = await recreateContainer({ app, env }, params.id);
      c = r.container;
      detail = `via ${r.via}`;
    } else c = await runContainerAction(env.docker, env.watcher, params.id, params.action);
    recordAudit(app.db, { username: principal.username, action, target: c.name, result: 'ok', detail });
    return { id: c.id, name: c.name, state: c.state } satisfies ContainerActionResult;
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action, target: params.id, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
