import { route } from '@/server/http/route-handler';
import { alertRuleBody } from '@/server/contract';
import { createRule, listRules } from '@/server/alerts/rules-store';
import { recordAudit } from '@/server/audit/audit-log';
import { rulesChanged } from '@/server/alerts/engine';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ ctx }) => listRules(ctx.db));

export const POST = route({ permission: 'alerts:manage', body: alertRuleBody }, async ({ ctx, body, principal }) => {
  const rule = createRule(ctx.db, body);
  recordAudit(ctx.db, { username: principal.username, action: 'alert.rule.create', target: rule.name, result: 'ok', detail: { id: rule.id, kind: rule.kind } });
  rulesChanged(ctx);
  return rule;
});
