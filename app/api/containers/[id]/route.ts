import { route } from '@/server/http/route-handler';
import { containerIdParam, removeContainerBody, type ContainerActionResult } from '@/server/contract';
import { containerDetail } from '@/server/docker/container-detail';
import { removeContainer } from '@/server/docker/container-actions';
import { recordAudit } from '@/server/audit/audit-log';
import { can } from '@/server/auth/permissions';
import { healthMonitor } from '@/server/health/health-monitor';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: containerIdParam }, async ({ app, env, params, principal }) => {
  const monitor = healthMonitor({ app, env });
  // the environment is a secret like inspect's Env (issue 21): admins only, or the inspect masking would leak here
  return containerDetail(env.docker, env.watcher, params.id, can(principal, 'secrets:read'), {
    latest: (id) => monitor.latestFor(id),
    history: (id) => monitor.historyFor(id),
  });
});

/** DELETE /api/containers/:id {confirm: NAME, volumes?} (admin): removes a stopped container; audited. */
export const DELETE = route({ permission: 'containers:remove', params: containerIdParam, body: removeContainerBody }, async ({ app, env, params, body, principal }) => {
  try {
    const c = await removeContainer(env.docker, env.watcher, params.id, body.confirm, body.volumes ?? false);
    recordAudit(app.db, { username: principal.username, action: 'container.remove', target: c.name, result: 'ok', detail: body.volumes ? 'with anonymous volumes' : undefined });
    return { id: c.id, name: c.name, state: 'removed' } satisfies ContainerActionResult;
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'container.remove', target: params.id, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
