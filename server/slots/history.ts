// The switch history: one row per switch or deploy (refused and failed ones too).
import type { Db } from '../store/db';
import type { SwitchRecord } from '../contract';

export type NewRecord = Omit<SwitchRecord, 'id' | 'at'>;

export function recordSwitch(db: Db, r: NewRecord): number {
  const info = db
    .prepare('INSERT INTO slot_switches (group_name, username, kind, from_slot, to_slot, image, result, duration_ms, error, steps, samples) VALUES (?,?,?,?,?,?,?,?,?,?,?)')
    .run(r.group, r.username, r.kind, r.from, r.to, r.image, r.result, Math.round(r.durationMs), r.error?.slice(0, 4000) ?? null, JSON.stringify(r.steps), JSON.stringify(r.samples.slice(0, 200)));
  return Number(info.lastInsertRowid);
}

interface Row {
  id: number; at: string; group_name: string; username: string; kind: 'switch' | 'deploy'; from_slot: string | null; to_slot: string;
  image: string | null; result: SwitchRecord['result']; duration_ms: number; error: string | null; steps: string; samples: string;
}

export function listSwitches(db: Db, group: string | null, limit: number): SwitchRecord[] {
  const rows = (group
    ? db.prepare('SELECT * FROM slot_switches WHERE group_name = ? ORDER BY id DESC LIMIT ?').all(group, limit)
    : db.prepare('SELECT * FROM slot_switches ORDER BY id DESC LIMIT ?').all(limit)) as Row[];
  return rows.map((r) => ({
    id: r.id, at: r.at, group: r.group_name, username: r.username, kind: r.kind, from: r.from_slot, to: r.to_slot, image: r.image,
    result: r.result, durationMs: r.duration_ms, error: r.error, steps: JSON.parse(r.steps), samples: JSON.parse(r.samples),
  }));
}
