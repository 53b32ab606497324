import { route } from '@/server/http/route-handler';
import { createTokenBody } from '@/server/contract';
import { createToken, listTokens } from '@/server/auth/tokens';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage' }, async ({ app }) => listTokens(app.db));

/** The token is shown once, here; only its hash is stored. It acts for the user behind the caller and dies with them. */
export const POST = route({ permission: 'users:manage', reauth: true, body: createTokenBody }, async ({ app, body, principal }) => {
  const owner = principal.via === 'token' ? principal.createdBy! : principal.username;
  const { token, row } = createToken(app.db, body.name, body.role, owner, body.expiresAt ?? null);
  recordAudit(app.db, { username: principal.username, action: 'token.create', target: body.name, result: 'ok', detail: { role: body.role, id: row.id, expiresAt: row.expiresAt } });
  return { ...row, token };
});
