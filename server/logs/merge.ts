// Ordering lines of several containers by timestamp: a k-way merge for history (each source is
// already ordered), and a short hold-back window for live lines, which arrive from independent
// streams slightly out of step.
import type { LogLine } from '../contract';

/** Merges ordered sources of line chunks into ordered chunks of about `batch` lines. */
export async function* mergeByTs(sources: AsyncIterator<LogLine[]>[], batch = 2000): AsyncGenerator<LogLine[]> {
  const heads: { lines: LogLine[]; i: number; src: AsyncIterator<LogLine[]> }[] = [];
  const pull = async (src: AsyncIterator<LogLine[]>) => {
    for (;;) {
      const r = await src.next();
      if (r.done) return null;
      if (r.value.length) return { lines: r.value, i: 0, src };
    }
  };
  for (const s of sources) {
    const h = await pull(s);
    if (h) heads.push(h);
  }
  let out: LogLine[] = [];
  while (heads.length) {
    let min = 0;
    for (let k = 1; k < heads.length; k++) if (heads[k].lines[heads[k].i].ts < heads[min].lines[heads[min].i].ts) min = k;
    const h = heads[min];
    out.push(h.lines[h.i++]);
    if (h.i >= h.lines.length) {
      const next = await pull(h.src);
      if (next) heads[min] = next;
      else heads.splice(min, 1);
    }
    if (out.length >= batch) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/**
 * Live lines from several containers: held `windowMs` after arrival, then released in timestamp
 * order. A line is released only when every line with an earlier timestamp is too, so the output
 * stays ordered unless one stream lags another by more than the window.
 */
export class ReorderWindow {
  private pending: { line: LogLine; at: number }[] = [];

  constructor(private windowMs = 100) {}

  get size() {
    return this.pending.length;
  }

  add(lines: LogLine[], now = Date.now()) {
    for (const line of lines) this.pending.push({ line, at: now });
  }

  /** Lines ready at `now`, ordered; `all` releases everything (a stream ended). */
  release(now = Date.now(), all = false): LogLine[] {
    if (this.pending.length === 0) return [];
    this.pending.sort((a, b) => (a.line.ts < b.line.ts ? -1 : a.line.ts > b.line.ts ? 1 : 0));
    let n = 0;
    if (all) n = this.pending.length;
    else while (n < this.pending.length && now - this.pending[n].at >= this.windowMs) n++;
    return this.pending.splice(0, n).map((p) => p.line);
  }
}
