// Matches log lines against log-pattern rules off the main thread, with a deadline. The static check
// (contract/safe-regex.ts) refuses exponential patterns; what it lets through can still be polynomial on
// long lines, so lines are cut to 4 KB and each batch runs in a worker thread that is terminated (and
// replaced) when a batch takes longer than its deadline: a slow pattern costs that batch, never the
// server's event loop. Batches queue one at a time; a full queue drops the newest (counted).
import { Worker } from 'node:worker_threads';

export const LINE_CAP = 4096;
const QUEUE_MAX = 64;

// Plain JS for `eval: true`: works the same from the bundle, from Next's routes and from tests.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const compiled = new Map();
parentPort.on('message', (m) => {
  const counts = {};
  for (const r of m.rules) {
    let re = compiled.get(r.pattern);
    if (!re) { re = new RegExp(r.pattern); compiled.set(r.pattern, re); }
    let n = 0;
    for (const line of m.lines) if (re.test(line)) n++;
    counts[r.id] = n;
  }
  parentPort.postMessage({ batch: m.batch, counts });
});`;

export interface PatternRule { id: number; pattern: string }
interface Job { batch: number; lines: string[]; rules: PatternRule[]; resolve: (c: Record<number, number> | null) => void }

export class PatternMatcher {
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private busy: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private next = 1;
  /** batches given up: deadline passed (the worker was replaced) or the queue was full */
  timedOut = 0;
  dropped = 0;

  constructor(private deadlineMs = 500) {}

  /** Counts per rule id of the lines that match; null when the batch was dropped or ran out of time. */
  count(lines: string[], rules: PatternRule[]): Promise<Record<number, number> | null> {
    if (!rules.length || !lines.length) return Promise.resolve({});
    if (this.queue.length >= QUEUE_MAX) {
      this.dropped++;
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      this.queue.push({ batch: this.next++, lines: lines.map((l) => (l.length > LINE_CAP ? l.slice(0, LINE_CAP) : l)), rules, resolve });
      this.pump();
    });
  }

  close() {
    void this.worker?.terminate();
    this.worker = null;
    for (const j of this.queue.splice(0)) j.resolve(null);
    this.busy?.resolve(null);
    this.busy = null;
    if (this.timer) clearTimeout(this.timer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 } });
    w.unref();
    w.on('message', (m: { batch: number; counts: Record<number, number> }) => {
      if (!this.busy || this.busy.batch !== m.batch) return;
      this.finish(m.counts);
    });
    w.on('error', () => this.replaceWorker());
    this.worker = w;
    return w;
  }

  private replaceWorker() {
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    if (this.busy) this.finish(null);
  }

  private finish(counts: Record<number, number> | null) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.busy;
    this.busy = null;
    job?.resolve(counts);
    this.pump();
  }

  private pump() {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) return;
    this.busy = job;
    this.ensureWorker().postMessage({ batch: job.batch, lines: job.lines, rules: job.rules });
    this.timer = setTimeout(() => {
      this.timedOut++;
      this.replaceWorker();
    }, this.deadlineMs);
  }
}
