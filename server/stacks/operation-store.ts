// Operations in the store: one row each, output included; the last 50 per stack are kept.
import type { Db } from '../store/db';
import type { ContainerChange, OperationAction, OperationRecord, OperationStatus } from '../contract/stacks';

export const KEEP_PER_STACK = 50;

interface Row {
  id: string;
  env: string;
  stack: string;
  action: string;
  service: string | null;
  status: string;
  exit_code: number | null;
  output: string;
  started_at: string;
  ended_at: string | null;
  username: string;
  commands: string;
  changed: string;
  left_running: string | null;
}

const fromRow = (r: Row): OperationRecord => ({
  id: r.id,
  env: r.env,
  stack: r.stack,
  action: r.action as OperationAction,
  service: r.service,
  status: r.status as OperationStatus,
  exitCode: r.exit_code,
  output: r.output,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  by: r.username,
  commands: JSON.parse(r.commands) as string[][],
  changed: JSON.parse(r.changed) as ContainerChange[],
  leftRunning: r.left_running ? (JSON.parse(r.left_running) as string[]) : null,
});

export function insertOperation(db: Db, op: OperationRecord) {
  db.prepare(
    `INSERT INTO stack_operations (id, env, stack, action, service, status, started_at, username, commands)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
  ).run(op.id, op.env, op.stack, op.action, op.service, op.startedAt, op.by, JSON.stringify(op.commands));
}

export function finishOperation(db: Db, op: OperationRecord) {
  db.transaction(() => {
    db.prepare('UPDATE stack_operations SET status = ?, exit_code = ?, output = ?, ended_at = ?, changed = ?, left_running = ? WHERE id = ?').run(
      op.status, op.exitCode, op.output, op.endedAt, JSON.stringify(op.changed), op.leftRunning ? JSON.stringify(op.leftRunning) : null, op.id,
    );
    db.prepare(
      `DELETE FROM stack_operations WHERE env = ? AND stack = ? AND status != 'running' AND id NOT IN
         (SELECT id FROM stack_operations WHERE env = ? AND stack = ? ORDER BY started_at DESC LIMIT ?)`,
    ).run(op.env, op.stack, op.env, op.stack, KEEP_PER_STACK);
  })();
}

export function readOperation(db: Db, env: string, id: string): OperationRecord | null {
  const r = db.prepare('SELECT * FROM stack_operations WHERE id = ? AND env = ?').get(id, env) as Row | undefined;
  return r ? fromRow(r) : null;
}

/** Newest first, output included (each is capped when stored). */
export function listOperations(db: Db, env: string, stack: string): OperationRecord[] {
  const rows = db
    .prepare(`SELECT * FROM stack_operations WHERE env = ? AND stack = ? ORDER BY started_at DESC LIMIT ?`)
    .all(env, stack, KEEP_PER_STACK) as Row[];
  return rows.map(fromRow);
}

/** Rows left `running` by an earlier process of this environment: that process is gone, so they failed. */
export function failInterrupted(db: Db, env: string) {
  db.prepare(
    `UPDATE stack_operations SET status = 'failed', ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
       output = output || char(13, 10) || '[slipway] interrupted: Slipway stopped while this operation ran' || char(13, 10)
     WHERE env = ? AND status = 'running'`,
  ).run(env);
}
