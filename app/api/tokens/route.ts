import { route } from '@/server/http/route-handler';
import { createTokenBody } from '@/server/contract';
import { createToken, listTokens } from '@/server/auth/tokens';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'users:manage' }, async ({ ctx }) => listTokens(ctx.db));

/** The token is shown once, here; only its hash is stored. */
export const POST = route({ permission: 'users:manage', body: createTokenBody }, async ({ ctx, body, principal }) => {
  const { token, row } = createToken(ctx.db, body.name, body.role, principal!.username);
  recordAudit(ctx.db, { username: principal!.username, action: 'token.create', target: body.name, result: 'ok', detail: { role: body.role, id: row.id } });
  return { ...row, token };
});
