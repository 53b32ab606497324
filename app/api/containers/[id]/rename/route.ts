// POST /api/containers/:id/rename {name} (admin) -> {id, name, state}; audited with the old and new name.
import { route } from '@/server/http/route-handler';
import { containerIdParam, renameBody, type ContainerActionResult } from '@/server/contract';
import { renameContainer } from '@/server/docker/container-actions';
import { recordAudit } from '@/server/audit/audit-log';

export const POST = route({ permission: 'containers:remove', params: containerIdParam, body: renameBody }, async ({ app, env, params, body, principal }) => {
  try {
    const { before, after } = await renameContainer(env.docker, env.watcher, params.id, body.name);
    recordAudit(app.db, { username: principal.username, action: 'container.rename', target: before, result: 'ok', detail: { from: before, to: after.name } });
    return { id: after.id, name: after.name, state: after.state } satisfies ContainerActionResult;
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'container.rename', target: params.id, result: 'failed', detail: `to ${body.name}: ${(e as Error).message}` });
    throw e;
  }
});
