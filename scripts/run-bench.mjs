// Bundles bench/NAME.ts with esbuild and runs it; each bench writes its rows to bench/.out/NAME.json.
// With no NAME, runs every bench in turn and prints one table of all rows.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = fs.readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.replace(/\.ts$/, ''));
const run = names.length ? names : all;
for (const n of run) if (!all.includes(n)) { console.error(`no benchmark ${n}; have: ${all.join(', ')}`); process.exit(2); }

fs.mkdirSync('bench/.out', { recursive: true });
let failed = false;
for (const name of run) {
  // a bench that fails must not leave an older run's rows in the table
  fs.rmSync(`bench/.out/${name}.json`, { force: true });
  const outfile = path.resolve('bench/.out', `${name}.cjs`);
  await build({ entryPoints: [`bench/${name}.ts`], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile, logLevel: 'warning', alias: { '@': path.resolve('.') } });
  console.log(`\n=== bench ${name}`);
  const r = spawnSync(process.execPath, [outfile], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) { failed = true; console.error(`bench ${name} exited with ${r.status}`); }
}

if (run.length > 1) {
  const rows = run.flatMap((n) => { try { return JSON.parse(fs.readFileSync(`bench/.out/${n}.json`, 'utf8')); } catch { return []; } });
  const { printTable } = await import('./bench-table.mjs');
  console.log('\n=== all benchmarks');
  printTable(rows);
}
process.exit(failed ? 1 : 0);
