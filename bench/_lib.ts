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

/**
 * Times each probe `rounds` times, rotating which goes first every round, so no side always runs on
 * the other's warm cache (or always first on a cold one). Returns the milliseconds per probe.
 */
export async function alternating<K extends string>(rounds: number, probes: Record<K, () => Promise<unknown>>): Promise<Record<K, number[]>> {
  const keys = Object.keys(probes) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(i + j) % keys.length];
      const s = performance.now();
      await probes[k]();
      out[k].push(performance.now() - s);
    }
  }
  return out;
}

/**
 * A-B-B-A: the reference, Slipway, Slipway, the reference (for runs too long to repeat often); returns
 * the mean seconds of each side, so each side ran once first and once second.
 */
export async function abba(reference: () => Promise<number>, slipway: () => Promise<number>): Promise<{ reference: number; slipway: number }> {
  const r1 = await reference();
  const s1 = await slipway();
  const s2 = await slipway();
  const r2 = await reference();
  return { reference: (r1 + r2) / 2, slipway: (s1 + s2) / 2 };
}
