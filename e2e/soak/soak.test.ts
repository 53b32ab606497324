// Soak (`npm run test:soak`): a server of its own (port SLIPWAY_SOAK_PORT, default 3115) under a steady
// mixed load for SLIPWAY_SOAK_SECONDS (default 300): 50 logged-in sessions browsing API routes and
// pages with small pauses, 20 live log streams and 20 live stats streams over socket.io, on 10 chatty
// containers. Asserts: every request answered 200, no socket dropped or errored, log lines and stats
// samples kept arriving through the whole run, RSS stayed bounded and the live heap flat (soak-lib.ts).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { LogsLinesEvent, LogsStatusEvent, StatsSample } from '@/server/contract';
import { adminClient, Client, waitFor } from '../support/http';
import { startServer, type RunningServer } from '../support/slipway-server';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';
import { heapFromMetrics, LIVE_HEAP_RISE_LIMIT_MB, median, percentile, perMinute, RSS_RISE_LIMIT_MB, rssMb, rssVerdict, type RssSample } from './soak-lib';
import { liveHeapMb } from './live-heap';

const DURATION_S = Number(process.env.SLIPWAY_SOAK_SECONDS ?? 300);
const port = Number(process.env.SLIPWAY_SOAK_PORT ?? 3115);
const inspectPort = port + 1000; // the V8 inspector, for the live heap (live-heap.ts)
const SESSIONS = 50;
const USERS = 10; // 5 sessions each
const LOG_STREAMS = 20;
const STATS_STREAMS = 20;
const CHATTY = 10; // each writes 5 lines a second
const PAUSE_MS = [500, 1500] as const; // between one session's requests
const LOG_GAP_LIMIT_MS = 5_000; // lines are written every 200 ms
const STATS_GAP_LIMIT_MS = 10_000; // Docker sends a reading every second

const project = uniqueProject('swt-soak');
let server: RunningServer;
let chatty: { id: string; name: string }[] = [];
const sessions: Client[] = [];
const sockets: Socket[] = [];
let closing = false;

beforeAll(async () => {
  server = await startServer({ port, inspectPort });
  const admin = await adminClient(server.url);
  chatty = await Promise.all(Array.from({ length: CHATTY }, (_, i) =>
    createTestContainer({ project, service: `chatty${i}`, cmd: ['sh', '-c', `i=0; while true; do i=$((i+1)); echo "soak ${i} line $i"; sleep 0.2; done`] })));
  await waitFor(async () => (await Promise.all(chatty.map((c) => admin.get(`/api/containers/${c.id}`)))).every((r) => r.json?.state === 'running'), 'chatty containers known', 30_000);
  const users = Array.from({ length: USERS }, (_, i) => `soak-${process.pid}-${Date.now().toString(36)}-${i}`);
  for (const username of users) {
    const r = await admin.post('/api/users', { username, password: 'soak-password-1', role: 'viewer' });
    if (r.status !== 200) throw new Error(`create user: ${r.status} ${JSON.stringify(r.json)}`);
  }
  for (let i = 0; i < SESSIONS; i++) sessions.push(await new Client(server.url).login(users[i % USERS], 'soak-password-1'));
}, 180_000);

afterAll(async () => {
  closing = true;
  for (const s of sockets) s.close();
  await server?.stop();
  await removeProject(project);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pause = () => sleep(PAUSE_MS[0] + Math.random() * (PAUSE_MS[1] - PAUSE_MS[0]));

/** A stream's arrivals: count, and the longest silence (until `end` counts too). */
class Arrivals {
  count = 0;
  last: number;
  maxGap = 0;
  constructor(start: number) {
    this.last = start;
  }
  hit(n: number) {
    const now = Date.now();
    this.maxGap = Math.max(this.maxGap, now - this.last);
    this.last = now;
    this.count += n;
  }
  close(end: number) {
    this.maxGap = Math.max(this.maxGap, end - this.last);
  }
}

describe('soak', () => {
  it(`serves 50 sessions, 20 log and 20 stats streams for ${DURATION_S} s without errors, gaps or memory growth`, async () => {
    const problems: string[] = [];
    const latencies: { api: number[]; page: number[] } = { api: [], page: [] };
    let requests = 0;
    let skipped = 0;
    const start = Date.now();
    const deadline = start + DURATION_S * 1000;

    // ---- the streams, each on its own socket of one of the sessions
    const logStreams: Arrivals[] = [];
    const statsStreams: Arrivals[] = [];
    const watch = (socket: Socket, label: string) => {
      sockets.push(socket);
      socket.on('disconnect', (reason) => !closing && problems.push(`${label}: disconnect (${reason})`));
      socket.on('connect_error', (e) => problems.push(`${label}: connect_error ${e.message}`));
    };
    await Promise.all(Array.from({ length: LOG_STREAMS }, async (_, i) => {
      const socket = await connectSocket(server.url, { cookie: sessions[i].cookie, origin: server.url });
      watch(socket, `log stream ${i}`);
      const a = new Arrivals(Date.now());
      logStreams.push(a);
      const ack = await emitAck<{ ok: boolean; subscriptionId: string; error?: string }>(socket, 'logs:subscribe', { containerId: chatty[i % CHATTY].id, tail: 0 });
      if (!ack.ok) throw new Error(`logs:subscribe: ${ack.error}`);
      socket.on('logs:lines', (e: LogsLinesEvent) => e.subscriptionId === ack.subscriptionId && a.hit(e.lines.length));
      socket.on('logs:skipped', (e: { count: number }) => (skipped += e.count));
      socket.on('logs:status', (e: LogsStatusEvent) => e.state !== 'following' && problems.push(`log stream ${i}: ${e.state} ${e.message}`));
    }));
    await Promise.all(Array.from({ length: STATS_STREAMS }, async (_, i) => {
      const socket = await connectSocket(server.url, { cookie: sessions[LOG_STREAMS + i].cookie, origin: server.url });
      watch(socket, `stats stream ${i}`);
      const a = new Arrivals(Date.now());
      statsStreams.push(a);
      const id = chatty[i % CHATTY].id;
      socket.on('stats:sample', (s: StatsSample) => s.containerId === id && a.hit(1));
      const ack = await emitAck<{ ok: boolean; error?: string }>(socket, 'stats:subscribe', { containerId: id });
      if (!ack.ok) throw new Error(`stats:subscribe: ${ack.error}`);
    }));

    // ---- the server's RSS every 2 s
    const rss: RssSample[] = [];
    const pid = server.child.pid!;
    const sampler = setInterval(() => rss.push({ t: (Date.now() - start) / 1000, mb: rssMb(pid) }), 2000);
    // ---- and its JS heap every 5 s, from its own /metrics (not counted as browsing)
    const heap: RssSample[] = [];
    const external: RssSample[] = [];
    const heapSampler = setInterval(() => {
      const t = (Date.now() - start) / 1000;
      void fetch(`${server.url}/metrics`, { headers: { cookie: sessions[0].cookie! } }).then((r) => r.text()).then((text) => {
        const m = heapFromMetrics(text);
        heap.push({ t, mb: m.heapMb });
        external.push({ t, mb: m.externalMb });
      }, (e: Error) => problems.push(`GET /metrics: ${e.message}`));
    }, 5000);

    // ---- the live heap once the first minute of load has warmed the server up, and again at the end
    let liveAfterFirstMinute = NaN;
    const firstReading = sleep(Math.min(60, DURATION_S / 2) * 1000).then(async () => (liveAfterFirstMinute = await liveHeapMb(inspectPort)));

    // ---- 50 sessions browsing until the deadline
    const routes = (id: string) => [
      { path: '/api/stacks', page: false }, { path: '/api/containers', page: false }, { path: `/api/containers/${id}`, page: false },
      { path: '/api/health', page: false }, { path: '/api/health/containers', page: false },
      { path: '/', page: true }, { path: '/logs', page: true }, { path: `/containers/${id}`, page: true },
    ];
    await Promise.all(sessions.map(async (s, i) => {
      await sleep((i * 1000) / SESSIONS); // spread the first wave
      while (Date.now() < deadline) {
        const list = routes(chatty[Math.floor(Math.random() * CHATTY)].id);
        const r = list[Math.floor(Math.random() * list.length)];
        const t0 = performance.now();
        try {
          const res = await fetch(server.url + r.path, { headers: { cookie: s.cookie! }, redirect: 'manual' });
          await res.arrayBuffer();
          (r.page ? latencies.page : latencies.api).push(performance.now() - t0);
          if (res.status !== 200) problems.push(`GET ${r.path}: ${res.status}`);
        } catch (e) {
          problems.push(`GET ${r.path}: ${(e as Error).message}`);
        }
        requests++;
        await pause();
      }
    }));
    clearInterval(sampler);
    clearInterval(heapSampler);
    const end = Date.now();
    await firstReading;
    const liveAtEnd = await liveHeapMb(inspectPort); // the streams are still open: what they hold counts
    for (const a of [...logStreams, ...statsStreams]) a.close(end);

    // ---- figures
    const all = [...latencies.api, ...latencies.page];
    const minutes = perMinute(rss.filter((r) => r.t < DURATION_S)); // whole minutes of load only
    const v = rssVerdict(minutes);
    const lines = logStreams.reduce((n, a) => n + a.count, 0);
    const samples = statsStreams.reduce((n, a) => n + a.count, 0);
    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
    const summary = `soak: ${DURATION_S} s, ${SESSIONS} sessions, ${LOG_STREAMS} log + ${STATS_STREAMS} stats streams: ` +
      `${requests} requests (${(requests / DURATION_S).toFixed(1)}/s, ${problems.length} problems), latency p50 ${f(median(all))} ms p95 ${f(percentile(all, 95))} ms ` +
      `(API p95 ${f(percentile(latencies.api, 95))} ms, pages p95 ${f(percentile(latencies.page, 95))} ms); ` +
      `${lines} log lines (longest gap ${f(Math.max(...logStreams.map((a) => a.maxGap)))} ms, ${skipped} skipped), ` +
      `${samples} stats samples (longest gap ${f(Math.max(...statsStreams.map((a) => a.maxGap)))} ms); ` +
      `server RSS from the first minute to the last ${f(v.first)} → ${f(v.last)} MB (growth ${f(v.growth)} MB, limit ${RSS_RISE_LIMIT_MB}; highest minute ${f(v.peak)} MB), max sample ${f(Math.max(...rss.map((r) => r.mb)))} MB; ` +
      `live JS heap after a full GC ${f(liveAfterFirstMinute)} → ${f(liveAtEnd)} MB (growth ${f(liveAtEnd - liveAfterFirstMinute)} MB, limit ${LIVE_HEAP_RISE_LIMIT_MB}); per-minute medians: RSS ${minutes.join(' ')} MB, JS heap ${perMinute(heap).join(' ')} MB, Buffers ${perMinute(external).join(' ')} MB`;
    console.log(summary);
    if (process.env.SLIPWAY_SOAK_SUMMARY) fs.writeFileSync(process.env.SLIPWAY_SOAK_SUMMARY, summary + '\n');

    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
    expect(skipped).toBe(0);
    expect(requests).toBeGreaterThan(SESSIONS * (DURATION_S / 2) * 0.5); // the load really ran
    for (const a of logStreams) {
      expect(a.count).toBeGreaterThan(0);
      expect(a.maxGap).toBeLessThan(LOG_GAP_LIMIT_MS);
    }
    for (const a of statsStreams) expect(a.maxGap).toBeLessThan(STATS_GAP_LIMIT_MS);
    // every minute really holds samples (30 a minute at 2 s), and there are at least two minutes to compare
    expect(minutes.length).toBeGreaterThanOrEqual(2);
    expect(rss.filter((r) => r.t < 60).length).toBeGreaterThanOrEqual(Math.min(20, Math.floor(DURATION_S / 2) - 1));
    expect(v.growth).toBeLessThan(RSS_RISE_LIMIT_MB);
    expect(liveAtEnd - liveAfterFirstMinute).toBeLessThan(LIVE_HEAP_RISE_LIMIT_MB);
    expect(server.child.exitCode).toBeNull();
  });
});
