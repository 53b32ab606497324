// `npm run bench -- slots`: steady keep-alive HTTP load (autocannon, 127.0.0.1) through a real nginx
// proxy during 20 Slipway switches, for the recommended live-switching config (flag file, no reload)
// and for plain reload; the same load with no switch (baseline); the reload config with client
// keep-alive off (keepalive_timeout 0) and what that costs in req/s; the guide's by-hand switch
// (docker exec: rewrite the upstream file, nginx -t, nginx -s reload) as the time reference.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { adminClient, type Client } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { createSlotStack, type SlotStack } from '../e2e/support/slot-stack';
import { fmt, percentile, report, type BenchRow, runBench } from './_lib';

const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 400);
const CONNECTIONS = 10;
const BASELINE_S = 15;
const MAX_LOAD_S = 120; // hard bound on any load loop

interface LoadResult { sent: number; ok: number; non2xx: number; errors: number; lost: number; rps: number }

/**
 * Keep-alive load of exactly `amount` requests at RATE req/s. Failures are counted as a client sees
 * them: non-2xx answers, socket errors, and requests written on a connection the server then closed
 * without answering (autocannon reconnects silently on such an 'end'; with a fixed amount they show
 * as sent minus answered minus errored).
 */
function startLoad(url: string, amount: number): Promise<LoadResult> {
  let ok = 0, non2xx = 0, errors = 0;
  const t0 = performance.now();
  const inst = autocannon({ url, connections: CONNECTIONS, pipelining: 1, overallRate: RATE, amount, timeout: 5 }, () => undefined) as unknown as EventEmitter;
  inst.on('response', (_c: unknown, status: number) => (status >= 200 && status < 300 ? ok++ : non2xx++));
  inst.on('reqError', () => errors++);
  return new Promise((resolve) =>
    inst.on('done', () => {
      const secs = (performance.now() - t0) / 1000;
      resolve({ sent: amount, ok, non2xx, errors, lost: Math.max(0, amount - ok - non2xx - errors), rps: (ok + non2xx) / secs });
    }),
  );
}

/** Unthrottled autocannon for a few seconds: the proxy's ceiling with kept-alive connections. */
async function maxRps(url: string, seconds = 4): Promise<number> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return r.requests.average;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface NodeLoad { sent: number; ok: number; failed: number; retried: number; rps: number }

/**
 * Node's http client with a keep-alive agent, `conns` loops at `perConnRate` req/s each (0: as fast
 * as it goes). It honours `Connection: close` (a new connection per request when the server turns
 * keep-alive off), unlike autocannon. With `retry`, a GET written on a reused connection that the
 * server closed before answering is retried once on a new one, as browsers do (RFC 9112 §9.3.1;
 * Node's `req.reusedSocket` pattern): `retried` is what a client without that retry would have lost.
 */
function startNodeLoad(url: string, conns: number, perConnRate: number, retry = true) {
  let stopped = false, ok = 0, failed = 0, retried = 0, sent = 0;
  const t0 = performance.now();
  const one = (agent: http.Agent, again: boolean): Promise<void> =>
    new Promise((resolve) => {
      const req = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode && res.statusCode < 300) ok++;
          else failed++;
          resolve();
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (again && req.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up')) {
          retried++;
          void one(agent, false).then(resolve);
        } else {
          failed++;
          resolve();
        }
      });
    });
  const loops = Array.from({ length: conns }, async (_, i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // paced by schedule (not sleep-after-answer), so slow answers do not lower the offered rate
    let next = performance.now() + (perConnRate > 0 ? (i * 1000) / perConnRate / conns : 0);
    while (!stopped && performance.now() - t0 < MAX_LOAD_S * 1000) {
      if (perConnRate > 0) {
        await sleep(Math.max(0, next - performance.now()));
        next = Math.max(next + 1000 / perConnRate, performance.now() - 1000 / perConnRate);
      }
      sent++;
      await one(agent, retry);
    }
    agent.destroy();
  });
  return {
    stop: async (): Promise<NodeLoad> => {
      stopped = true;
      await Promise.all(loops);
      return { sent, ok, failed, retried, rps: (ok + failed) / ((performance.now() - t0) / 1000) };
    },
  };
}

async function firstFrom(url: string, slot: string, deadlineMs = 15_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < deadlineMs) {
    try {
      const r = await fetch(url, { headers: { connection: 'close' } });
      await r.arrayBuffer();
      if (r.headers.get('x-slot') === slot) return performance.now();
    } catch {
      /* keep polling */
    }
    await sleep(5);
  }
  throw new Error(`never saw ${slot}`);
}

async function byHand(stack: SlotStack, to: 'blue' | 'green'): Promise<number> {
  const port = stack.ports[to];
  const t0 = performance.now();
  const seen = firstFrom(stack.proxyUrl, to);
  execFileSync('docker', ['exec', stack.names.proxy, 'sh', '-c',
    `sed -i -E 's/^upstream ${stack.group} \\{ server [0-9.]+:[0-9]+;/upstream ${stack.group} { server 127.0.0.1:${port};/' /etc/nginx/slipway/${stack.group}.conf && nginx -t -q && nginx -s reload`]);
  return (await seen) - t0;
}

const other = (s: 'blue' | 'green'): 'blue' | 'green' => (s === 'green' ? 'blue' : 'green');

interface SwitchRun { api: number[]; first: number[]; serverMs: number[]; stepP50: string }

/** SWITCHES Slipway switches of the stack's group, alternating, while `load` runs. */
async function switchLoop(admin: Client, stack: SlotStack): Promise<SwitchRun> {
  let to: 'blue' | 'green' = other((await servedFrom(stack)) as 'blue' | 'green');
  const api: number[] = [], first: number[] = [], serverMs: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const t0 = performance.now();
    const seen = firstFrom(stack.proxyUrl, to);
    const r = await admin.post(`/api/slots/${stack.group}/switch`, { to });
    const tApi = performance.now() - t0;
    if (r.status !== 200) throw new Error(`switch ${i}: ${r.status} ${JSON.stringify(r.json)}`);
    first.push((await seen) - t0);
    api.push(tApi);
    serverMs.push(r.json.durationMs);
    to = other(to);
    await sleep(300);
  }
  const hist = (await admin.get(`/api/slots/history?group=${stack.group}&limit=${SWITCHES}`)).json as { steps: { step: string; ms: number }[] }[];
  const stepP50 = ['gate', 'write', 'test', 'reload', 'flag', 'verify']
    .map((step) => [step, hist.map((x) => x.steps.find((y) => y.step === step)?.ms ?? NaN).filter(Number.isFinite)] as const)
    .filter(([, v]) => v.length)
    .map(([step, v]) => `${step} ${fmt(percentile(v, 50), 0)}`)
    .join(', ');
  return { api, first, serverMs, stepP50 };
}

async function servedFrom(stack: SlotStack): Promise<string | null> {
  const r = await fetch(stack.proxyUrl, { headers: { connection: 'close' } });
  await r.arrayBuffer();
  return r.headers.get('x-slot');
}

/** Switches under autocannon keep-alive load plus the Node client (4 × 20 req/s). */
async function underLoad(admin: Client, stack: SlotStack, label: string) {
  console.log(`${SWITCHES} switches under load (${label})…`);
  // enough requests to outlast the switches; the load then runs out by itself
  const load = startLoad(stack.proxyUrl, Math.round(RATE * (SWITCHES * 1.2 + 3)));
  const node = startNodeLoad(stack.proxyUrl, 4, 20);
  await sleep(1000);
  const run = await switchLoop(admin, stack);
  const res = await load;
  const nodeRes = await node.stop();
  console.log(label, res, 'node client', nodeRes, 'steps p50 ms:', run.stepP50);
  return { res, node: nodeRes, ...run };
}

async function warmUp(admin: Client, stack: SlotStack) {
  for (const to of ['green', 'blue'] as const) {
    const r = await admin.post(`/api/slots/${stack.group}/switch`, { to });
    if (r.status !== 200) throw new Error(`warm-up switch: ${r.status} ${JSON.stringify(r.json)}`);
  }
}

async function main() {
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3143) });
  const [liveStack, reloadStack] = await Promise.all([createSlotStack({ switchMode: 'live' }), createSlotStack()]);
  try {
    const admin = await adminClient(server.url);
    await warmUp(admin, liveStack);
    await warmUp(admin, reloadStack);

    console.log(`baseline: ${BASELINE_S} s of load, no switch…`);
    const baseNode = startNodeLoad(liveStack.proxyUrl, 4, 20);
    const b = await startLoad(liveStack.proxyUrl, BASELINE_S * RATE);
    const bNode = await baseNode.stop();
    console.log('baseline', b, 'node client', bNode);

    const live = await underLoad(admin, liveStack, 'recommended: live switching');
    const plain = await underLoad(admin, reloadStack, 'plain reload');

    console.log('by hand (docker exec sed + nginx -t + nginx -s reload), 10 switches under load…');
    const load2 = startLoad(reloadStack.proxyUrl, Math.round(RATE * 10));
    await sleep(1000);
    const hand: number[] = [];
    let to: 'blue' | 'green' = other((await servedFrom(reloadStack)) as 'blue' | 'green');
    for (let i = 0; i < 10; i++) {
      hand.push(await byHand(reloadStack, to));
      to = other(to);
      await sleep(300);
    }
    const h = await load2;
    console.log('by hand', h);
    await warmUp(admin, reloadStack); // the file back in Slipway's own words

    // ceilings, interleaved in rounds (best of each) because the shared machine's load drifts
    console.log('ceilings: autocannon unthrottled, live config vs reload config, 3 rounds…');
    let ceilLive = 0, ceilReload = 0;
    for (let i = 0; i < 3; i++) {
      ceilLive = Math.max(ceilLive, await maxRps(liveStack.proxyUrl, 3));
      ceilReload = Math.max(ceilReload, await maxRps(reloadStack.proxyUrl, 3));
    }
    // (b) reload with client keep-alive off: every response says Connection: close
    execFileSync('docker', ['exec', reloadStack.names.proxy, 'sh', '-c', "sed -i 's/keepalive_timeout 65s;/keepalive_timeout 0;/' /etc/nginx/nginx.conf && nginx -t -q && nginx -s reload"]);
    await sleep(500);
    console.log('Node client unthrottled (10 loops), keep-alive (live stack) vs keepalive_timeout 0 (reload stack), 3 rounds…');
    const nodeCeiling = async (url: string) => {
      const l = startNodeLoad(url, CONNECTIONS, 0, false);
      await sleep(3000);
      return (await l.stop()).rps;
    };
    let ka = 0, noKa = 0;
    for (let i = 0; i < 3; i++) {
      ka = Math.max(ka, await nodeCeiling(liveStack.proxyUrl));
      noKa = Math.max(noKa, await nodeCeiling(reloadStack.proxyUrl));
    }
    console.log(`${SWITCHES} switches, reload with keepalive_timeout 0, Node client ${2 * CONNECTIONS} × ${RATE / (2 * CONNECTIONS)} req/s…`);
    const ka0Load = startNodeLoad(reloadStack.proxyUrl, 2 * CONNECTIONS, RATE / (2 * CONNECTIONS), false);
    await sleep(1000);
    const ka0Run = await switchLoop(admin, reloadStack);
    const ka0 = await ka0Load.stop();
    console.log('keepalive_timeout 0', ka0, 'steps p50 ms:', ka0Run.stepP50);

    const failed = (x: LoadResult) => x.non2xx + x.errors + x.lost;
    const fails = (x: LoadResult) => `${failed(x)} of ${x.sent} (${x.non2xx}+${x.errors}+${x.lost})`;
    const nodeFails = (x: NodeLoad) => `${x.failed + x.retried} of ${x.sent} without retry; ${x.failed} with one retry`;
    const p = (v: number[], q: number) => fmt(percentile(v, q), 0);
    const h50 = percentile(hand, 50);
    const rows: BenchRow[] = [
      { bench: 'slots', figure: `load during switches (${CONNECTIONS} keep-alive autocannon conns), live / reload`, value: `${fmt(live.res.rps, 0)} / ${fmt(plain.res.rps, 0)} req/s`, reference: `baseline ${fmt(b.rps, 0)} req/s`, target: '≥ 300', pass: Math.min(live.res.rps, plain.res.rps) >= 300 },
      { bench: 'slots', figure: `failed requests during ${SWITCHES} switches, autocannon keep-alive, RECOMMENDED live config (non-2xx+socket errors+unanswered)`, value: fails(live.res), reference: `no switch: ${fails(b)}`, target: '0', pass: failed(live.res) === 0 },
      { bench: 'slots', figure: `failed requests during ${SWITCHES} switches, autocannon keep-alive, plain reload`, value: fails(plain.res), reference: `by hand, 10 reloads: ${fails(h)}`, target: '— (shows why live is recommended)' },
      { bench: 'slots', figure: 'failed requests, Node keep-alive client (4 × 20 req/s), live / reload', value: `live: ${nodeFails(live.node)} · reload: ${nodeFails(plain.node)}`, reference: `no switch: ${nodeFails(bNode)}`, target: '0', pass: live.node.failed + live.node.retried === 0 },
      { bench: 'slots', figure: 'switch request → verified (API answer) p50 / p95, live', value: `${p(live.api, 50)} / ${p(live.api, 95)} ms`, reference: `by hand (sed + reload) → first new-slot answer p50 ${fmt(h50, 0)} ms`, ratio: fmt(percentile(live.api, 50) / h50, 2), target: 'p50 < 1000 ms', pass: percentile(live.api, 50) < 1000 },
      { bench: 'slots', figure: 'switch request → verified (API answer) p50 / p95, reload', value: `${p(plain.api, 50)} / ${p(plain.api, 95)} ms`, reference: `by hand p95 ${p(hand, 95)} ms`, ratio: fmt(percentile(plain.api, 50) / h50, 2), target: 'p50 < 1000 ms', pass: percentile(plain.api, 50) < 1000 },
      { bench: 'slots', figure: 'switch request → first answer from new slot p50 / p95, live / reload', value: `${p(live.first, 50)} / ${p(live.first, 95)} ms · ${p(plain.first, 50)} / ${p(plain.first, 95)} ms` },
      { bench: 'slots', figure: 'server-side step p50 (ms), live · reload', value: `${live.stepP50} · ${plain.stepP50}` },
      { bench: 'slots', figure: 'ceiling, autocannon unthrottled 10 keep-alive conns (best of 3 rounds): live config / reload config', value: `${fmt(ceilLive, 0)} / ${fmt(ceilReload, 0)} req/s`, ratio: fmt(ceilLive / ceilReload, 2) },
      { bench: 'slots', figure: `(b) reload + keepalive_timeout 0: failed during ${SWITCHES} switches, Node client ${2 * CONNECTIONS} × ${RATE / (2 * CONNECTIONS)} req/s, no retry`, value: `${ka0.failed} of ${ka0.sent} (${fmt(ka0.rps, 0)} req/s)`, target: '0', pass: ka0.failed === 0 },
      { bench: 'slots', figure: '(b) its cost: Node client unthrottled (10 loops, best of 3 rounds), keepalive_timeout 0 vs keep-alive', value: `${fmt(noKa, 0)} req/s`, reference: `keep-alive ${fmt(ka, 0)} req/s`, ratio: fmt(noKa / ka, 2) },
    ];
    report('slots', rows);
  } finally {
    await Promise.all([liveStack.remove(), reloadStack.remove()]);
    await server.stop();
  }
}

runBench(main);
