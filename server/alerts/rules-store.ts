// Alert rules in the store (admins write them; everyone who may read sees them).
import type { Db } from '../store/db';
import type { AlertKind, AlertRule, AlertRuleInput, AlertSeverity, QuietHours } from '../contract';
import { quietHoursBody } from '../contract';
import { HttpError } from '../http/errors';

interface RuleRow {
  id: number; name: string; kind: AlertKind; enabled: number; severity: AlertSeverity; env: string | null; project: string | null; service: string | null;
  params: string; destinations: string; group_window_min: number; created_at: string; updated_at: string;
}

const toRule = (r: RuleRow): AlertRule => {
  const p = JSON.parse(r.params) as { minutes?: number; pattern?: string; perMinute?: number };
  return {
    id: r.id, name: r.name, kind: r.kind, enabled: r.enabled === 1, severity: r.severity, env: r.env, project: r.project, service: r.service,
    ...p, groupWindowMinutes: r.group_window_min, destinations: JSON.parse(r.destinations) as number[], createdAt: r.created_at, updatedAt: r.updated_at,
  };
};

const params = (r: AlertRuleInput) => JSON.stringify({ minutes: r.minutes, pattern: r.pattern, perMinute: r.perMinute });

export function listRules(db: Db): AlertRule[] {
  return (db.prepare('SELECT * FROM alert_rules ORDER BY id').all() as RuleRow[]).map(toRule);
}

export function getRule(db: Db, id: number): AlertRule {
  const row = db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id) as RuleRow | undefined;
  if (!row) throw new HttpError(404, `no alert rule ${id}`);
  return toRule(row);
}

function checkDestinations(db: Db, ids: number[]) {
  for (const id of ids)
    if (!db.prepare('SELECT 1 FROM notification_destinations WHERE id = ?').get(id)) throw new HttpError(400, `no notification destination ${id}`);
}

export function createRule(db: Db, r: AlertRuleInput): AlertRule {
  checkDestinations(db, r.destinations);
  const info = db
    .prepare('INSERT INTO alert_rules (name, kind, enabled, severity, env, project, service, params, destinations, group_window_min) VALUES (?,?,?,?,?,?,?,?,?,?)')
    .run(r.name, r.kind, r.enabled ? 1 : 0, r.severity, r.env, r.project, r.service, params(r), JSON.stringify(r.destinations), r.groupWindowMinutes);
  return getRule(db, Number(info.lastInsertRowid));
}

export function updateRule(db: Db, id: number, r: AlertRuleInput): AlertRule {
  getRule(db, id);
  checkDestinations(db, r.destinations);
  db.prepare(`UPDATE alert_rules SET name = ?, kind = ?, enabled = ?, severity = ?, env = ?, project = ?, service = ?, params = ?, destinations = ?,
      group_window_min = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)
    .run(r.name, r.kind, r.enabled ? 1 : 0, r.severity, r.env, r.project, r.service, params(r), JSON.stringify(r.destinations), r.groupWindowMinutes, id);
  // a changed rule starts afresh: what it had open no longer describes it
  db.prepare("UPDATE alerts SET status = 'resolved', resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE rule_id = ? AND status = 'open'").run(id);
  return getRule(db, id);
}

export function deleteRule(db: Db, id: number): AlertRule {
  const r = getRule(db, id);
  db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id);
  return r;
}

const DEFAULT_QUIET: QuietHours = { enabled: false, start: '22:00', end: '07:00', utcOffsetMinutes: 0 };

export function getQuietHours(db: Db): QuietHours {
  const row = db.prepare("SELECT value FROM alert_settings WHERE key = 'quiet_hours'").get() as { value: string } | undefined;
  const parsed = row ? quietHoursBody.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : DEFAULT_QUIET;
}

export function setQuietHours(db: Db, q: QuietHours): QuietHours {
  db.prepare("INSERT INTO alert_settings (key, value) VALUES ('quiet_hours', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(q));
  return q;
}
