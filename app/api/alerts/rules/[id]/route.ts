import { route } from '@/server/http/route-handler';
import { alertRuleBody, alertRuleIdParam } from '@/server/contract';
import { deleteRule, updateRule } from '@/server/alerts/rules-store';
import { recordAudit } from '@/server/audit/audit-log';
import { rulesChanged } from '@/server/alerts/engine';

export const PUT = route({ permission: 'alerts:manage', params: alertRuleIdParam, body: alertRuleBody }, async ({ app, env, params, body, principal }) => {
  const rule = updateRule(app.db, params.id, body);
  recordAudit(app.db, { username: principal.username, action: 'alert.rule.update', target: rule.name, result: 'ok', detail: { id: rule.id, kind: rule.kind, enabled: rule.enabled } });
  rulesChanged({ app, env });
  return rule;
});

export const DELETE = route({ permission: 'alerts:manage', params: alertRuleIdParam }, async ({ app, env, params, principal }) => {
  const rule = deleteRule(app.db, params.id);
  recordAudit(app.db, { username: principal.username, action: 'alert.rule.delete', target: rule.name, result: 'ok', detail: { id: rule.id } });
  rulesChanged({ app, env });
  return { ok: true };
});
