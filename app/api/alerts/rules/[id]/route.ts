import { route } from '@/server/http/route-handler';
import { alertRuleBody, alertRuleIdParam } from '@/server/contract';
import { deleteRule, updateRule } from '@/server/alerts/rules-store';
import { recordAudit } from '@/server/audit/audit-log';
import { rulesChanged } from '@/server/alerts/engine';

export const PUT = route({ permission: 'alerts:manage', params: alertRuleIdParam, body: alertRuleBody }, async ({ ctx, params, body, principal }) => {
  const rule = updateRule(ctx.db, params.id, body);
  recordAudit(ctx.db, { username: principal.username, action: 'alert.rule.update', target: rule.name, result: 'ok', detail: { id: rule.id, kind: rule.kind, enabled: rule.enabled } });
  rulesChanged(ctx);
  return rule;
});

export const DELETE = route({ permission: 'alerts:manage', params: alertRuleIdParam }, async ({ ctx, params, principal }) => {
  const rule = deleteRule(ctx.db, params.id);
  recordAudit(ctx.db, { username: principal.username, action: 'alert.rule.delete', target: rule.name, result: 'ok', detail: { id: rule.id } });
  rulesChanged(ctx);
  return { ok: true };
});
