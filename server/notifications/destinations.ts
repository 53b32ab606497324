// Webhook destinations and their delivery records in the store. Only admins configure them.
import type { Db } from '../store/db';
import type { CreateDestinationInput, DestinationKind, EmailSettings, NotificationDelivery, NotificationDestination, NotificationEvent } from '../contract';
import { HttpError } from '../http/errors';
import { open, seal } from '../registry/secret-box';

interface DestRow { id: number; name: string; kind: DestinationKind; url: string; events: string; enabled: number; created_at: string; config: string | null; secret: string | null }
interface DeliveryRow {
  id: number; destination_id: number; event: NotificationEvent; title: string; status: NotificationDelivery['status'];
  attempts: number; last_error: string | null; status_code: number | null; created_at: string; finished_at: string | null; alert_id: number | null;
}

const toDest = (r: DestRow): NotificationDestination => ({
  id: r.id, name: r.name, kind: r.kind, url: r.url, events: JSON.parse(r.events), enabled: r.enabled === 1, createdAt: r.created_at,
  ...(r.kind === 'email' && r.config ? { email: { ...(JSON.parse(r.config) as EmailSettings), hasPassword: r.secret !== null } } : {}),
});
const toDelivery = (r: DeliveryRow): NotificationDelivery => ({
  id: r.id, destinationId: r.destination_id, event: r.event, title: r.title, status: r.status, attempts: r.attempts,
  lastError: r.last_error, statusCode: r.status_code, createdAt: r.created_at, finishedAt: r.finished_at, alertId: r.alert_id,
});

export function listDestinations(db: Db): NotificationDestination[] {
  return (db.prepare('SELECT * FROM notification_destinations ORDER BY id').all() as DestRow[]).map(toDest);
}

export function getDestination(db: Db, id: number): NotificationDestination {
  const row = db.prepare('SELECT * FROM notification_destinations WHERE id = ?').get(id) as DestRow | undefined;
  if (!row) throw new HttpError(404, `no notification destination ${id}`);
  return toDest(row);
}

/** Stores a destination; an email one keeps its SMTP settings as config and its password sealed (secret-box). */
export function createDestination(db: Db, dataDir: string, d: CreateDestinationInput): NotificationDestination {
  let url = d.url ?? '';
  let config: string | null = null;
  let secret: string | null = null;
  if (d.kind === 'email' && d.email) {
    const { password, ...settings } = d.email;
    url = `smtp://${settings.host}:${settings.port}`;
    config = JSON.stringify(settings);
    secret = password ? seal(dataDir, password) : null;
  }
  const info = db.prepare('INSERT INTO notification_destinations (name, kind, url, events, enabled, config, secret) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(d.name, d.kind, url, JSON.stringify(d.events), d.enabled ? 1 : 0, config, secret);
  return getDestination(db, Number(info.lastInsertRowid));
}

/** The SMTP password of an email destination, unsealed for sending only (never returned by a route). */
export function destinationPassword(db: Db, dataDir: string, id: number): string | undefined {
  const row = db.prepare('SELECT secret FROM notification_destinations WHERE id = ?').get(id) as { secret: string | null } | undefined;
  return row?.secret ? open(dataDir, row.secret) : undefined;
}

export function deleteDestination(db: Db, id: number): NotificationDestination {
  const d = getDestination(db, id);
  db.prepare('DELETE FROM notification_destinations WHERE id = ?').run(id);
  return d;
}

export function destinationsFor(db: Db, event: NotificationEvent): NotificationDestination[] {
  return listDestinations(db).filter((d) => d.enabled && (event === 'test' || d.events[0] === '*' || (d.events as string[]).includes(event)));
}

export function recordDeliveryStart(db: Db, destinationId: number, event: NotificationEvent, title: string, alertId: number | null = null): number {
  return Number(db.prepare("INSERT INTO notification_deliveries (destination_id, event, title, status, alert_id) VALUES (?, ?, ?, 'pending', ?)").run(destinationId, event, title, alertId).lastInsertRowid);
}

export function recordAttempt(db: Db, id: number, outcome: { status: NotificationDelivery['status']; error?: string | null; statusCode?: number | null }) {
  db.prepare(`UPDATE notification_deliveries SET attempts = attempts + 1, status = ?, last_error = ?, status_code = ?,
      finished_at = CASE WHEN ? = 'pending' THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ','now') END WHERE id = ?`)
    .run(outcome.status, outcome.error ?? null, outcome.statusCode ?? null, outcome.status, id);
}

export function listDeliveries(db: Db, limit = 100): NotificationDelivery[] {
  return (db.prepare('SELECT * FROM notification_deliveries ORDER BY id DESC LIMIT ?').all(limit) as DeliveryRow[]).map(toDelivery);
}
