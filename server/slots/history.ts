// The switch history: one row per switch or deploy (refused and failed ones too). A switch is written
// as `running` when it starts and keeps a small journal while it runs (the step it is at, and the
// upstream file it replaced once it has written the new one): what start-up needs to undo a switch
// cut short by a crash (server/slots/recover.ts).
import type { Db } from '../store/db';
import type { SwitchRecord } from '../contract';

export type NewRecord = Omit<SwitchRecord, 'id' | 'at'>;

/** The in-flight part of a running switch. `prev` is set just before the upstream file is overwritten. */
export interface SwitchJournal {
  step: string | null;
  /** what the switch replaced: the upstream file and, in live mode, the flag file (path, slot, content) */
  prev?: { content: string | null; flag?: { path: string; slot: 'blue' | 'green'; content: string | null } };
}

/** `env`: the environment it ran on (group names repeat across engines); null means the default one. */
export function recordSwitch(db: Db, r: NewRecord, env: string | null = null): number {
  const info = db
    .prepare('INSERT INTO slot_switches (group_name, username, kind, from_slot, to_slot, image, result, duration_ms, error, steps, samples, env) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)')
    .run(r.group, r.username, r.kind, r.from, r.to, r.image, r.result, Math.round(r.durationMs), r.error?.slice(0, 4000) ?? null, JSON.stringify(r.steps), JSON.stringify(r.samples.slice(0, 200)), env);
  return Number(info.lastInsertRowid);
}

/** A `running` row for a switch that starts now; finishSwitch() completes it. */
export function beginSwitch(db: Db, r: { group: string; username: string; to: string }, env: string | null = null): number {
  return recordSwitch(db, { ...r, kind: 'switch', from: null, image: null, result: 'running', durationMs: 0, error: null, steps: [], samples: [] }, env);
}

export function journalSwitch(db: Db, id: number, j: SwitchJournal, from: string | null, steps: SwitchRecord['steps']) {
  db.prepare("UPDATE slot_switches SET journal = ?, from_slot = ?, steps = ? WHERE id = ? AND result = 'running'").run(JSON.stringify(j), from, JSON.stringify(steps), id);
}

/** Completes a row begun by beginSwitch(); the journal goes (the switch no longer needs undoing). */
export function finishSwitch(db: Db, id: number, r: NewRecord) {
  db.prepare('UPDATE slot_switches SET from_slot = ?, result = ?, duration_ms = ?, error = ?, steps = ?, samples = ?, journal = NULL WHERE id = ?')
    .run(r.from, r.result, Math.round(r.durationMs), r.error?.slice(0, 4000) ?? null, JSON.stringify(r.steps), JSON.stringify(r.samples.slice(0, 200)), id);
}

interface Row {
  id: number; at: string; group_name: string; username: string; kind: 'switch' | 'deploy'; from_slot: string | null; to_slot: string;
  image: string | null; result: SwitchRecord['result']; duration_ms: number; error: string | null; steps: string; samples: string; journal: string | null;
  env: string | null;
}

const toRecord = (r: Row): SwitchRecord => ({
  id: r.id, at: r.at, group: r.group_name, username: r.username, kind: r.kind, from: r.from_slot, to: r.to_slot, image: r.image,
  result: r.result, durationMs: r.duration_ms, error: r.error, steps: JSON.parse(r.steps), samples: JSON.parse(r.samples),
});

/** Newest first; with `env`, only that environment's rows (rows without one belong to the default). */
export function listSwitches(db: Db, group: string | null, limit: number, env?: { name: string; defaultName: string }): SwitchRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (group) {
    where.push('group_name = ?');
    args.push(group);
  }
  if (env) {
    where.push('COALESCE(env, ?) = ?');
    args.push(env.defaultName, env.name);
  }
  const rows = db.prepare(`SELECT * FROM slot_switches ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...args, limit) as Row[];
  return rows.map(toRecord);
}

/**
 * Rows left `running` by a process that no longer runs (called at start-up, before anything can start
 * a switch): they become `interrupted` at once, so none stays `running` even if undoing fails.
 */
export function takeInterrupted(db: Db): { record: SwitchRecord; journal: SwitchJournal; env: string | null }[] {
  return db.transaction(() => {
    const rows = db.prepare("SELECT * FROM slot_switches WHERE result = 'running' ORDER BY id").all() as Row[];
    return rows.map((r) => {
      const journal: SwitchJournal = r.journal ? JSON.parse(r.journal) : { step: null };
      const left: Row = { ...r, result: 'interrupted', duration_ms: Math.max(0, Date.now() - Date.parse(r.at)), error: `the server stopped during the ${journal.step ?? 'start'} step` };
      db.prepare('UPDATE slot_switches SET result = ?, duration_ms = ?, error = ? WHERE id = ?').run(left.result, left.duration_ms, left.error, r.id);
      return { record: toRecord(left), journal, env: r.env };
    });
  })();
}

export function noteInterrupted(db: Db, id: number, outcome: string) {
  db.prepare("UPDATE slot_switches SET error = error || '; ' || ? WHERE id = ? AND result = 'interrupted'").run(outcome.slice(0, 2000), id);
}
