// Shared helpers for benchmarks: percentiles, process memory/CPU, and the result table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error plain ESM helper shared with run-bench.mjs
import { printTable } from '../scripts/bench-table.mjs';

export interface BenchRow {
  bench: string;
  figure: string;
  value: string;
  reference?: string;
  ratio?: string;
  target?: string;
  pass?: boolean;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Resident set size of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** User+system CPU seconds consumed so far by a process (and its reaped children). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return ticks / hz;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** Prints the rows and saves them for the combined `npm run bench` table. */
export function report(name: string, rows: BenchRow[]) {
  console.log();
  printTable(rows);
  fs.mkdirSync(path.resolve('bench/.out'), { recursive: true });
  fs.writeFileSync(path.resolve('bench/.out', `${name}.json`), JSON.stringify(rows, null, 2));
}

/** Runs a bench's main(): any failure is printed and exits non-zero (run-bench.mjs reports it). */
export function runBench(main: () => Promise<void>) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
