import { route } from '@/server/http/route-handler';
import { registryCredentialBody } from '@/server/contract';
import { listCredentials, saveCredential } from '@/server/registry/credentials';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

/** registry hosts and user names only: passwords never leave the server */
export const GET = route({ permission: 'registries:manage' }, async ({ app }) => listCredentials(app.db));

export const POST = route({ permission: 'registries:manage', body: registryCredentialBody }, async ({ app, body, principal }) => {
  saveCredential(app.db, body.registry, body.username, body.password, principal.username);
  recordAudit(app.db, { username: principal.username, action: 'registry.credential.save', target: body.registry, result: 'ok', detail: { username: body.username } });
  return { registry: body.registry, username: body.username };
});
