// `npm run bench -- slots-togather`: a stack laid out as the Togather guide (owner's nginx.conf as a
// single-file bind mount, upstream block in the main config, X-Togather-Slot) under keep-alive load.
// Slipway's adopted switch (gate, in-place write, nginx -t, reload, verify) against the guide's by-hand
// switch as the fairest raw reference: the server line rewritten IN PLACE on the host (the guide's
// `sed -i` replaces the inode, which a single-file bind mount never sees), `nginx -t`, `nginx -s reload`.
// Both are timed until the proxy's answer names the target slot; order alternates every pair.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { adminClient, type Client } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { createTogatherStack, SLOT_HEADER, startLoad, type TogatherStack } from '../e2e/support/togather-stack';
import { fmt, percentile, report, runBench, type BenchRow } from './_lib';

const PAIRS = Number(process.env.BENCH_SWITCHES ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 4231);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(stack: TogatherStack, slot: string, deadlineMs = 15_000) {
  const t0 = performance.now();
  while (performance.now() - t0 < deadlineMs) {
    const r = await fetch(stack.proxyUrl, { headers: { connection: 'close' } }).catch(() => null);
    if (r) {
      await r.arrayBuffer();
      if (r.headers.get(SLOT_HEADER) === slot) return;
    }
    await sleep(5);
  }
  throw new Error(`never saw ${slot}`);
}

async function viaSlipway(admin: Client, stack: TogatherStack, to: 'blue' | 'green'): Promise<number> {
  const t0 = performance.now();
  const r = await admin.post(`/api/slots/${stack.group}/switch`, { to });
  if (r.status !== 200) throw new Error(`switch to ${to}: ${r.status} ${JSON.stringify(r.json)}`);
  await until(stack, to);
  return performance.now() - t0;
}

async function byHand(stack: TogatherStack, to: 'blue' | 'green'): Promise<number> {
  const from = to === 'blue' ? 'green' : 'blue';
  const t0 = performance.now();
  const text = fs.readFileSync(stack.nginxConf, 'utf8').replace(`server 127.0.0.1:${stack.ports[from]} `, `server 127.0.0.1:${stack.ports[to]} `);
  fs.writeFileSync(stack.nginxConf, text); // truncate and write: same inode
  execFileSync('docker', ['exec', stack.names.proxy, 'nginx', '-t', '-q']);
  execFileSync('docker', ['exec', stack.names.proxy, 'nginx', '-s', 'reload']);
  await until(stack, to);
  return performance.now() - t0;
}

async function main() {
  const server = await startServer({ port: PORT });
  const stack = await createTogatherStack();
  try {
    const admin = await adminClient(server.url);
    // warm up both paths once (first nginx reload, first exec)
    await viaSlipway(admin, stack, 'green');
    await viaSlipway(admin, stack, 'blue');
    const slipway: number[] = [], hand: number[] = [];
    const load = startLoad(`http://127.0.0.1:${stack.ports.proxy}/`);
    for (let i = 0; i < PAIRS; i++) {
      // alternate which side goes first, so neither always meets the other's warm state
      const runs: [number[], (to: 'blue' | 'green') => Promise<number>][] = [[slipway, (to) => viaSlipway(admin, stack, to)], [hand, (to) => byHand(stack, to)]];
      if (i % 2) runs.reverse();
      for (const [into, run] of runs) {
        into.push(await run('green'));
        into.push(await run('blue'));
      }
    }
    const c = await load.stop();
    if (c.errors.length) console.log(`failed requests: ${c.errors.slice(0, 10).join('; ')}`);
    const p50s = percentile(slipway, 50), p50h = percentile(hand, 50);
    const rows: BenchRow[] = [
      { bench: 'slots-togather', figure: `switch p50, ms (${slipway.length} switches)`, value: fmt(p50s, 0), reference: fmt(p50h, 0), ratio: fmt(p50s / p50h, 2) },
      { bench: 'slots-togather', figure: 'switch p95, ms', value: fmt(percentile(slipway, 95), 0), reference: fmt(percentile(hand, 95), 0), ratio: fmt(percentile(slipway, 95) / percentile(hand, 95), 2) },
      { bench: 'slots-togather', figure: 'failed requests under load (both kinds of switch)', value: String(c.failed), reference: `${c.ok} ok, ${c.retried} retried fresh`, target: '0', pass: c.failed === 0 },
    ];
    report('slots-togather', rows);
  } finally {
    await stack.remove();
    await server.stop();
  }
}

runBench(main);
