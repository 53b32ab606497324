import { route } from '@/server/http/route-handler';
import { tokenIdParam } from '@/server/contract';
import { revokeToken } from '@/server/auth/tokens';
import { recordAudit } from '@/server/audit/audit-log';

export const DELETE = route({ permission: 'users:manage', params: tokenIdParam }, async ({ ctx, params, principal }) => {
  const row = revokeToken(ctx.db, params.id);
  recordAudit(ctx.db, { username: principal!.username, action: 'token.revoke', target: row.name, result: 'ok', detail: { id: row.id } });
  return { ok: true };
});
