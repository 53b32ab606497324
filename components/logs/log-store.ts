// The page's ring buffer of log rows: appends in batches, keeps at most `capacity` rows (dropping the
// oldest in chunks, so trimming stays cheap), and counts versions so React knows when to redraw.
// Rows are small objects; container ids are interned to an index to keep a million rows light.
import type { LogLine, LogsSkippedEvent, LogsStatusEvent } from '@/server/contract';

export type Row =
  | { kind: 'line'; seq: number; ts: string; text: string; err: boolean; c: number }
  | { kind: 'skip'; seq: number; ts: string; count: number; fromTs: string; toTs: string; containerIds: string[]; loading?: boolean }
  | { kind: 'status'; seq: number; ts: string; c: number; state: LogsStatusEvent['state']; message: string; exitCode?: number | null };

export class LogStore {
  rows: Row[] = [];
  containers: string[] = [];
  private index = new Map<string, number>();
  /** last timestamp per container: the dedupe key after a reconnect */
  lastTs = new Map<string, string>();
  version = 0;
  dropped = 0;
  private seq = 0;

  constructor(public capacity = 100_000) {}

  containerIndex(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.containers.length;
      this.containers.push(id);
      this.index.set(id, i);
    }
    return i;
  }

  /** The newest timestamp held (to resume from after a reconnect). */
  get newestTs(): string {
    let max = '';
    for (const ts of this.lastTs.values()) if (ts > max) max = ts;
    return max;
  }

  appendLines(lines: LogLine[]) {
    for (const l of lines) {
      const last = this.lastTs.get(l.containerId);
      if (last !== undefined && l.ts <= last) continue; // already held (a resume overlaps by design)
      this.lastTs.set(l.containerId, l.ts);
      this.rows.push({ kind: 'line', seq: this.seq++, ts: l.ts, text: l.text, err: l.stream === 'stderr', c: this.containerIndex(l.containerId) });
    }
    this.trim();
  }

  appendSkip(ev: LogsSkippedEvent) {
    this.rows.push({ kind: 'skip', seq: this.seq++, ts: ev.fromTs, count: ev.count, fromTs: ev.fromTs, toTs: ev.toTs, containerIds: ev.containerIds });
    for (const id of ev.containerIds) {
      const last = this.lastTs.get(id);
      if (!last || ev.toTs > last) this.lastTs.set(id, ev.toTs);
    }
    this.trim();
  }

  appendStatus(ev: LogsStatusEvent) {
    this.rows.push({ kind: 'status', seq: this.seq++, ts: this.lastTs.get(ev.containerId) ?? '', c: this.containerIndex(ev.containerId), state: ev.state, message: ev.message, exitCode: ev.exitCode });
    this.trim();
  }

  /** Replaces a skip marker by the lines fetched for its range. */
  fillSkip(row: Row, lines: LogLine[]) {
    const at = this.rows.indexOf(row);
    if (at < 0) return;
    const filled: Row[] = lines.map((l) => ({ kind: 'line', seq: this.seq++, ts: l.ts, text: l.text, err: l.stream === 'stderr', c: this.containerIndex(l.containerId) }));
    this.rows.splice(at, 1, ...filled);
    this.version++;
  }

  clear() {
    this.rows = [];
    this.dropped = 0;
    this.version++;
  }

  private trim() {
    const over = this.rows.length - this.capacity;
    // Drop in slices of 5% so a full buffer does not copy the whole array on every batch.
    if (over > 0) {
      const n = Math.max(over, Math.ceil(this.capacity * 0.05));
      this.rows.splice(0, n);
      this.dropped += n;
    }
    this.version++;
  }
}
