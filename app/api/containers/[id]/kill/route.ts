// POST /api/containers/:id/kill {signal?} (default SIGKILL, from a fixed list) -> {id, name, state}; audited.
import { route } from '@/server/http/route-handler';
import { containerIdParam, killBody, type ContainerActionResult } from '@/server/contract';
import { killContainer } from '@/server/docker/container-actions';
import { recordAudit } from '@/server/audit/audit-log';
import { optionalJsonBody } from '@/server/http/optional-body';

export const POST = route({ permission: 'containers:control', params: containerIdParam }, async ({ app, env, req, params, principal }) => {
  const body = await optionalJsonBody(req, killBody);
  try {
    const c = await killContainer(env.docker, env.watcher, params.id, body.signal);
    recordAudit(app.db, { username: principal.username, action: 'container.kill', target: c.name, result: 'ok', detail: body.signal });
    return { id: c.id, name: c.name, state: c.state } satisfies ContainerActionResult;
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'container.kill', target: params.id, result: 'failed', detail: `${body.signal}: ${(e as Error).message}` });
    throw e;
  }
});
