// Open and resolved alerts in the store: one open row per rule and key (a partial unique index).
import type { Db } from '../store/db';
import type { Alert, AlertDelivery, AlertKind, AlertSeverity, DestinationKind, NotificationEvent } from '../contract';

interface AlertRow {
  id: number; rule_id: number; rule_name: string; kind: AlertKind; key: string; env: string; project: string | null; service: string | null;
  severity: AlertSeverity; status: 'open' | 'resolved'; summary: string; count: number; first_at: string; last_at: string;
  resolved_at: string | null; last_sent_at: string | null;
}

const toAlert = (r: AlertRow): Alert => ({
  id: r.id, ruleId: r.rule_id, ruleName: r.rule_name, kind: r.kind, key: r.key, env: r.env, project: r.project, service: r.service,
  severity: r.severity, status: r.status, summary: r.summary, count: r.count, firstAt: r.first_at, lastAt: r.last_at,
  resolvedAt: r.resolved_at, lastSentAt: r.last_sent_at,
});

const SELECT = 'SELECT a.*, r.name AS rule_name, r.kind AS kind FROM alerts a JOIN alert_rules r ON r.id = a.rule_id';

export function findOpenAlert(db: Db, ruleId: number, key: string): Alert | undefined {
  const row = db.prepare(`${SELECT} WHERE a.rule_id = ? AND a.key = ? AND a.status = 'open'`).get(ruleId, key) as AlertRow | undefined;
  return row && toAlert(row);
}

export function openAlertsOf(db: Db, ruleId: number, env: string): Alert[] {
  return (db.prepare(`${SELECT} WHERE a.rule_id = ? AND a.env = ? AND a.status = 'open'`).all(ruleId, env) as AlertRow[]).map(toAlert);
}

export function openAlert(db: Db, a: { ruleId: number; key: string; env: string; project: string | null; service: string | null; severity: AlertSeverity; summary: string; at: string }): number {
  return Number(
    db.prepare("INSERT INTO alerts (rule_id, key, env, project, service, severity, status, summary, first_at, last_at) VALUES (?,?,?,?,?,?,'open',?,?,?)")
      .run(a.ruleId, a.key, a.env, a.project, a.service, a.severity, a.summary, a.at, a.at).lastInsertRowid,
  );
}

export function repeatAlert(db: Db, id: number, summary: string, at: string) {
  db.prepare('UPDATE alerts SET count = count + 1, summary = ?, last_at = ? WHERE id = ?').run(summary, at, id);
}

export function markSent(db: Db, id: number, at: string) {
  db.prepare('UPDATE alerts SET last_sent_at = ? WHERE id = ?').run(at, id);
}

export function resolveAlert(db: Db, id: number, at: string) {
  db.prepare("UPDATE alerts SET status = 'resolved', resolved_at = ? WHERE id = ?").run(at, id);
}

export function listAlerts(db: Db, q: { status: 'open' | 'all'; limit: number }): Alert[] {
  const where = q.status === 'open' ? "WHERE a.status = 'open'" : '';
  return (db.prepare(`${SELECT} ${where} ORDER BY a.status = 'open' DESC, a.id DESC LIMIT ?`).all(q.limit) as AlertRow[]).map(toAlert);
}

interface DeliveryJoinRow {
  id: number; destination_id: number; event: NotificationEvent; title: string; status: 'pending' | 'delivered' | 'failed'; attempts: number;
  last_error: string | null; status_code: number | null; created_at: string; finished_at: string | null; alert_id: number | null;
  dest_name: string; dest_kind: DestinationKind;
}

/** Deliveries of alert notices with their destination's name and kind (no URL: readable by every role). */
export function listAlertDeliveries(db: Db, limit: number): AlertDelivery[] {
  const rows = db
    .prepare(`SELECT d.*, n.name AS dest_name, n.kind AS dest_kind FROM notification_deliveries d JOIN notification_destinations n ON n.id = d.destination_id
      WHERE d.alert_id IS NOT NULL ORDER BY d.id DESC LIMIT ?`)
    .all(limit) as DeliveryJoinRow[];
  return rows.map((r) => ({
    id: r.id, destinationId: r.destination_id, event: r.event, title: r.title, status: r.status, attempts: r.attempts, lastError: r.last_error,
    statusCode: r.status_code, createdAt: r.created_at, finishedAt: r.finished_at, alertId: r.alert_id, destinationName: r.dest_name, destinationKind: r.dest_kind,
  }));
}
