import { route } from '@/server/http/route-handler';
import { alertRuleBody } from '@/server/contract';
import { createRule, listRules } from '@/server/alerts/rules-store';
import { recordAudit } from '@/server/audit/audit-log';
import { rulesChanged } from '@/server/alerts/engine';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read' }, async ({ app }) => listRules(app.db));

export const POST = route({ permission: 'alerts:manage', body: alertRuleBody }, async ({ app, env, body, principal }) => {
  const rule = createRule(app.db, body);
  recordAudit(app.db, { username: principal.username, action: 'alert.rule.create', target: rule.name, result: 'ok', detail: { id: rule.id, kind: rule.kind } });
  rulesChanged({ app, env });
  return rule;
});
