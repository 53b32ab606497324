// The audit log: every login (failed too), user and token change, and every action that changes something.
import type { Db } from '../store/db';
import type { AuditEntry, AuditFilters } from '../contract';
import { roleAtLeast, type Principal } from '../auth/permissions';
import { currentEnvironment } from './audit-env';

export interface AuditInput {
  username: string | null;
  action: string;
  target?: string | null;
  result: AuditEntry['result'];
  detail?: string | Record<string, unknown> | null;
  /** the environment; by default the one of the request, socket event or area at work (server/audit/audit-env.ts) */
  env?: string | null;
}

export function recordAudit(db: Db, e: AuditInput) {
  const detail = e.detail == null ? null : typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail);
  const env = e.env === undefined ? currentEnvironment() : e.env;
  db.prepare('INSERT INTO audit_log (username, action, target, result, detail, env) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.username, e.action, e.target ?? null, e.result, detail?.slice(0, 4000) ?? null, env,
  );
  for (const fn of auditListeners()) {
    try {
      fn(e);
    } catch (err) {
      console.error('[audit] a listener failed:', (err as Error).message);
    }
  }
}

// Listeners of every stored entry (the timeline's `user.action` events, server/events). On globalThis:
// route handlers and the server are bundled apart, and both write the audit log.
const LISTENERS = Symbol.for('slipway.audit.listeners');
function auditListeners(): Set<(e: AuditInput) => void> {
  const g = globalThis as { [LISTENERS]?: Set<(e: AuditInput) => void> };
  return (g[LISTENERS] ??= new Set());
}

/** Calls `fn` after each entry is stored; returns the unsubscribe function. */
export function onAudit(fn: (e: AuditInput) => void): () => void {
  auditListeners().add(fn);
  return () => void auditListeners().delete(fn);
}

/** The filter for a request that named its environment (`?env=`), else none: every environment's entries. */
export function auditEnvFilter(req: Request, env: string, defaultEnv: string): AuditEnvFilter | undefined {
  return new URL(req.url).searchParams.has('env') ? { name: env, isDefault: env === defaultEnv } : undefined;
}

/** `?env=`: one environment's entries; the default one's include those recorded before environments were (env null). */
export interface AuditEnvFilter {
  name: string;
  isDefault: boolean;
}

/**
 * The newest entries matching `filters` (older than `before`), as `viewer` may see them: an admin sees
 * every detail; anyone else sees the details of their own entries only (another user's command lines,
 * addresses and errors are not theirs to read), and a search never matches a detail they could not read.
 */
export function listAudit(db: Db, limit: number, viewer: Principal, filters: AuditFilters = {}, before?: number, env?: AuditEnvFilter): AuditEntry[] {
  const admin = roleAtLeast(viewer.role, 'admin');
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    args.push(...values);
  };
  if (before !== undefined) add('id < ?', before);
  if (env) add(env.isDefault ? '(env = ? OR env IS NULL)' : 'env = ?', env.name);
  if (filters.user) add('username = ?', filters.user);
  if (filters.action?.endsWith('.')) add('substr(action, 1, ?) = ?', filters.action.length, filters.action);
  else if (filters.action) add('action = ?', filters.action);
  if (filters.target) add('instr(lower(target), lower(?)) > 0', filters.target); // instr: no LIKE wildcards to escape
  if (filters.result) add('result = ?', filters.result);
  if (filters.since) add('at >= ?', filters.since);
  if (filters.until) add('at <= ?', filters.until);
  if (filters.q) {
    const parts = ['username', 'action', 'target'].map((c) => `instr(lower(coalesce(${c}, '')), lower(?)) > 0`);
    args.push(filters.q, filters.q, filters.q);
    if (admin) {
      parts.push("instr(lower(coalesce(detail, '')), lower(?)) > 0");
      args.push(filters.q);
    } else {
      parts.push("(username = ? AND instr(lower(coalesce(detail, '')), lower(?)) > 0)");
      args.push(viewer.username, filters.q);
    }
    where.push(`(${parts.join(' OR ')})`);
  }
  const sql = `SELECT id, at, username, action, target, result, detail, env FROM audit_log${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...args, limit) as AuditEntry[];
  if (admin) return rows;
  return rows.map((r) => (r.username === viewer.username ? r : { ...r, detail: null }));
}

/** Every matching entry, newest first, a page at a time (an export never holds the whole log). */
export function* allAudit(db: Db, viewer: Principal, filters: AuditFilters, env?: AuditEnvFilter): Generator<AuditEntry> {
  let before: number | undefined;
  for (;;) {
    const page = listAudit(db, 500, viewer, filters, before, env);
    yield* page;
    if (page.length < 500) return;
    before = page[page.length - 1].id;
  }
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text starting like a
 * formula (= + - @) gets a leading ' so a spreadsheet shows it instead of running it: usernames typed
 * at the sign-in form end up here. Pure.
 */
export function csvField(v: string | number | null): string {
  const raw = v == null ? '' : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
