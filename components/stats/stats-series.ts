// A container's samples as column arrays for uPlot, kept outside React state: charts redraw from
// these at 1 Hz without re-rendering the page.
import type { StatsSample } from '@/server/contract';

const WINDOW_MS = 10 * 60 * 1000;

export class StatsSeries {
  ts: number[] = [];
  cpu: number[] = [];
  mem: number[] = [];
  limit: number[] = [];
  rxRate: number[] = [];
  txRate: number[] = [];
  readRate: number[] = [];
  writeRate: number[] = [];
  latest: StatsSample | null = null;
  private listeners = new Set<() => void>();

  push(s: StatsSample, notify = true) {
    if (this.latest && s.ts <= this.latest.ts) return;
    this.latest = s;
    this.ts.push(s.ts / 1000);
    this.cpu.push(s.cpuPercent);
    this.mem.push(s.memBytes);
    this.limit.push(s.memLimit);
    this.rxRate.push(s.netRxRate);
    this.txRate.push(s.netTxRate);
    this.readRate.push(s.blkReadRate);
    this.writeRate.push(s.blkWriteRate);
    const cutoff = (s.ts - WINDOW_MS) / 1000;
    let drop = 0;
    while (drop < this.ts.length && this.ts[drop] < cutoff) drop++;
    if (drop) for (const a of [this.ts, this.cpu, this.mem, this.limit, this.rxRate, this.txRate, this.readRate, this.writeRate]) a.splice(0, drop);
    if (notify) this.notify();
  }

  reset(history: StatsSample[]) {
    for (const a of [this.ts, this.cpu, this.mem, this.limit, this.rxRate, this.txRate, this.readRate, this.writeRate]) a.length = 0;
    this.latest = null;
    for (const s of history) this.push(s, false);
    this.notify();
  }

  subscribe(fn: () => void) {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  private notify() {
    for (const fn of this.listeners) fn();
  }
}
