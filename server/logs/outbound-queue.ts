// What one subscription still has to send, in order: batches of lines, skip markers and status
// changes. Live lines beyond the high-water mark are not kept: everything queued collapses into one
// skip marker (count and time range), so a slow viewer costs bounded memory and can fetch the gap
// over HTTP. History is never dropped; its reader waits for room instead (see room()).
import type { LogLine, LogsSkippedEvent, LogsStatusEvent } from '../contract';

export type Outbound =
  | { kind: 'lines'; lines: LogLine[] }
  | { kind: 'skipped'; ev: Omit<LogsSkippedEvent, 'subscriptionId'> }
  | { kind: 'status'; ev: Omit<LogsStatusEvent, 'subscriptionId'> };

export class OutboundQueue {
  private entries: Outbound[] = [];
  lineCount = 0;
  private waiters: (() => void)[] = [];
  private roomBelow = 0;

  constructor(public highWater = 10_000) {}

  get empty() {
    return this.entries.length === 0;
  }

  pushLines(lines: LogLine[], droppable: boolean) {
    if (lines.length === 0) return;
    const last = this.entries[this.entries.length - 1];
    if (last?.kind === 'lines' && last.lines.length < 5000) last.lines = last.lines.concat(lines);
    else this.entries.push({ kind: 'lines', lines });
    this.lineCount += lines.length;
    if (droppable && this.lineCount > this.highWater) this.collapse();
  }

  pushStatus(ev: Omit<LogsStatusEvent, 'subscriptionId'>) {
    this.entries.push({ kind: 'status', ev });
  }

  /** Replaces every queued line (and earlier markers) by one marker; status entries keep their order. */
  private collapse() {
    let count = 0;
    let fromTs = '';
    let toTs = '';
    const ids = new Set<string>();
    const kept: Outbound[] = [];
    for (const e of this.entries) {
      if (e.kind === 'status') {
        kept.push(e);
        continue;
      }
      const span = e.kind === 'lines' ? { count: e.lines.length, from: e.lines[0].ts, to: e.lines[e.lines.length - 1].ts, ids: e.lines.map((l) => l.containerId) } : { count: e.ev.count, from: e.ev.fromTs, to: e.ev.toTs, ids: e.ev.containerIds };
      count += span.count;
      if (!fromTs || (span.from && span.from < fromTs)) fromTs = span.from;
      if (span.to > toTs) toTs = span.to;
      for (const id of span.ids) ids.add(id);
    }
    kept.push({ kind: 'skipped', ev: { count, fromTs, toTs, containerIds: [...ids] } });
    this.entries = kept;
    this.lineCount = 0;
  }

  /** Takes the next entry to send, cutting a lines entry to at most maxLines. */
  shift(maxLines: number): Outbound | undefined {
    const first = this.entries[0];
    if (!first) return undefined;
    if (first.kind === 'lines' && first.lines.length > maxLines) {
      const head = first.lines.slice(0, maxLines);
      first.lines = first.lines.slice(maxLines);
      this.lineCount -= head.length;
      if (this.lineCount < this.roomBelow) this.wake();
      return { kind: 'lines', lines: head };
    }
    this.entries.shift();
    if (first.kind === 'lines') this.lineCount -= first.lines.length;
    if (this.lineCount < this.roomBelow) this.wake();
    return first;
  }

  /** Resolves once fewer than half the high-water mark of lines wait (history readers await this). */
  room(below = this.highWater / 2): Promise<void> {
    if (this.lineCount < below) return Promise.resolve();
    this.roomBelow = below;
    return new Promise((r) => this.waiters.push(r));
  }

  wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }

  clear() {
    this.entries = [];
    this.lineCount = 0;
    this.wake();
  }
}
