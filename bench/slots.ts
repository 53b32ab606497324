// `npm run bench -- slots`: steady keep-alive HTTP load (autocannon, 127.0.0.1) through a real nginx
// proxy during 20 Slipway switches, against the same load with no switch (baseline), and against the
// guide's by-hand switch (docker exec: rewrite the upstream file, nginx -t, nginx -s reload).
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { adminClient } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { createSlotStack, type SlotStack } from '../e2e/support/slot-stack';
import { fmt, percentile, report } from './_lib';

const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 400);
const CONNECTIONS = 10;
const BASELINE_S = 15;

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A keep-alive client that behaves like browsers and most HTTP libraries: a GET written on a reused
 * connection that the server closed before answering is retried once on a new connection (RFC 9112
 * §9.3.1; Node's documented `req.reusedSocket` pattern). Counts what such a client would see fail.
 */
function startRetryingLoad(url: string, conns: number, perConnRate: number) {
  let stopped = false, ok = 0, failed = 0, retried = 0, sent = 0;
  const one = (agent: http.Agent, retry: boolean): Promise<void> =>
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
        if (retry && req.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up')) {
          retried++;
          void one(agent, false).then(resolve);
        } else {
          failed++;
          resolve();
        }
      });
    });
  const loops = Array.from({ length: conns }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (!stopped) {
      sent++;
      await one(agent, true);
      await sleep(1000 / perConnRate);
    }
    agent.destroy();
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return { sent, ok, failed, retried };
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
    `sed -i -E 's/server [0-9.]+:[0-9]+;/server 127.0.0.1:${port};/' /etc/nginx/slipway/${stack.group}.conf && nginx -t -q && nginx -s reload`]);
  return (await seen) - t0;
}

async function main() {
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3143) });
  const stack = await createSlotStack();
  try {
    const admin = await adminClient(server.url);
    // warm up (first exec, first archive read)
    for (const to of ['green', 'blue'] as const) {
      const r = await admin.post(`/api/slots/${stack.group}/switch`, { to });
      if (r.status !== 200) throw new Error(`warm-up switch: ${r.status} ${JSON.stringify(r.json)}`);
    }

    console.log(`baseline: ${BASELINE_S} s of load, no switch…`);
    const b = await startLoad(stack.proxyUrl, BASELINE_S * RATE);
    console.log('baseline', b);

    const runSwitches = async (label: string) => {
      console.log(`${SWITCHES} switches under load (${label})…`);
      // enough requests to outlast the switches; the load then runs out by itself
      const load = startLoad(stack.proxyUrl, Math.round(RATE * (SWITCHES * 1.4 + 3)));
      const retrying = startRetryingLoad(stack.proxyUrl, 4, 20);
      await sleep(1000);
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
        to = to === 'green' ? 'blue' : 'green';
        await sleep(300);
      }
      const res = await load;
      const retry = await retrying.stop();
      console.log(label, res, 'retrying client', retry);
      const hist = (await admin.get(`/api/slots/history?group=${stack.group}&limit=${SWITCHES}`)).json as { steps: { step: string; ms: number }[] }[];
      for (const step of ['gate', 'write', 'test', 'reload', 'verify'])
        console.log(`  step ${step}: p50 ${fmt(percentile(hist.map((x) => x.steps.find((y) => y.step === step)?.ms ?? NaN).filter(Number.isFinite), 50), 0)} ms`);
      return { res, retry, api, first, serverMs };
    };
    let to: 'blue' | 'green' = 'green';
    const plain = await runSwitches('proxy as in the demo');

    console.log('by hand (docker exec sed + nginx -t + nginx -s reload), 10 switches under load…');
    const load2 = startLoad(stack.proxyUrl, Math.round(RATE * 10));
    await sleep(1000);
    const hand: number[] = [];
    for (let i = 0; i < 10; i++) {
      hand.push(await byHand(stack, to));
      to = to === 'green' ? 'blue' : 'green';
      await sleep(300);
    }
    const h = await load2;
    console.log('by hand', h);

    const failed = (x: LoadResult) => x.non2xx + x.errors + x.lost;
    const fails = (x: LoadResult) => `${failed(x)} of ${x.sent} (${x.non2xx}+${x.errors}+${x.lost})`;
    const s = plain.res;
    const { api, first, serverMs: server_ } = plain;
    const p50 = percentile(api, 50), p95 = percentile(api, 95);
    const h50 = percentile(hand, 50), h95 = percentile(hand, 95);
    report('slots', [
      { bench: 'slots', figure: `load during switches (${CONNECTIONS} keep-alive autocannon conns)`, value: `${fmt(s.rps, 0)} req/s`, reference: `baseline ${fmt(b.rps, 0)} req/s`, target: '≥ 300', pass: s.rps >= 300 },
      { bench: 'slots', figure: `failed requests during ${SWITCHES} switches, autocannon keep-alive (non-2xx+socket errors+unanswered)`, value: fails(s), reference: `no switch: ${fails(b)}; by hand, 10 switches: ${fails(h)}`, target: '0', pass: failed(s) === 0 },
      { bench: 'slots', figure: `failed requests during the same switches, keep-alive client retrying an unanswered GET once`, value: `${plain.retry.failed} of ${plain.retry.sent} (${plain.retry.retried} retried)`, target: '0', pass: plain.retry.failed === 0 },
      { bench: 'slots', figure: 'switch request → verified (API answer) p50', value: `${fmt(p50, 0)} ms`, reference: `by hand → first new-slot answer p50 ${fmt(h50, 0)} ms`, ratio: fmt(p50 / h50, 2), target: '< 1000 ms', pass: p50 < 1000 },
      { bench: 'slots', figure: 'switch request → verified (API answer) p95', value: `${fmt(p95, 0)} ms`, reference: `by hand p95 ${fmt(h95, 0)} ms`, ratio: fmt(p95 / h95, 2) },
      { bench: 'slots', figure: 'switch request → first answer from new slot p50 / p95', value: `${fmt(percentile(first, 50), 0)} / ${fmt(percentile(first, 95), 0)} ms` },
      { bench: 'slots', figure: 'server-side switch duration p50 (gate+write+test+reload+verify)', value: `${fmt(percentile(server_, 50), 0)} ms` },
    ]);
  } finally {
    await stack.remove();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
