import { route } from '@/server/http/route-handler';
import { registryParam } from '@/server/contract';
import { deleteCredential } from '@/server/registry/credentials';
import { HttpError } from '@/server/http/errors';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const DELETE = route({ permission: 'registries:manage', params: registryParam }, async ({ app, params, principal }) => {
  if (!deleteCredential(app.db, params.registry)) throw new HttpError(404, `no stored credentials for ${params.registry}`);
  recordAudit(app.db, { username: principal.username, action: 'registry.credential.delete', target: params.registry, result: 'ok' });
  return { deleted: params.registry };
});
