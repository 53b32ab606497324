// `npm run bench -- logs`, measured in one run against one server:
// (1) latency from a container writing a line to the line reaching a socket.io client, at about
//     1,000 lines/s, beside `docker logs -f` reading the same container at the same time;
// (2) lines/s delivered to a socket.io client for 1,000,000 lines already in the log, beside
//     `docker logs` of the same container to /dev/null, in A-B-B-A order; (3) the server's peak RSS during (2);
// (4) headless Chromium loading those 1,000,000 lines into the page and scrolling through them.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import type { LogLine, LogsStatusEvent } from '../server/contract';
import { createTestContainer, docker, removeProject, uniqueProject } from '../e2e/support/containers';
import { adminClient, waitFor } from '../e2e/support/http';
import { ADMIN_PASSWORD, startServer } from '../e2e/support/slipway-server';
import { connectSocket, emitAck } from '../e2e/support/sockets';
import { abba, fmt, percentile, report, rssMb, type BenchRow, runBench } from './_lib';

const LATENCY_SECONDS = Number(process.env.BENCH_LOGS_SECONDS ?? 10);
const MILLION = Number(process.env.BENCH_LOGS_LINES ?? 1_000_000);

/** Milliseconds since the epoch of a Docker timestamp, keeping the sub-millisecond part. */
function tsMs(ts: string): number {
  return Date.parse(ts.slice(0, 19) + 'Z') + Number('0.' + ts.slice(20, ts.length - 1)) * 1000;
}

async function main() {
  const project = uniqueProject('swb-logs');
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3190) });
  const rows: BenchRow[] = [];
  const push = rows.push.bind(rows);
  rows.push = (...r: BenchRow[]) => {
    for (const x of r) console.log(`  ${x.figure}: ${x.value}${x.reference ? ` | ${x.reference}` : ''}`);
    return push(...r);
  };
  try {
    const admin = await adminClient(server.url);

    // ---- (1) latency at ~1,000 lines/s
    const chatty = await createTestContainer({ project, service: 'chatty', cmd: ['awk', 'BEGIN { while (1) { for (i = 0; i < 50; i++) print "chatty line", n++; fflush(); system("usleep 40000") } }'] });
    await new Promise((r) => setTimeout(r, 1000));
    const socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url });
    const viaSocket: number[] = [];
    const viaCli: number[] = [];
    let measuring = false;
    socket.on('logs:lines', (ev: { lines: LogLine[] }) => {
      const now = Date.now();
      if (measuring) for (const l of ev.lines) viaSocket.push(now - tsMs(l.ts));
    });
    const ack = await emitAck<{ ok: boolean; subscriptionId: string }>(socket, 'logs:subscribe', { containerId: chatty.id, tail: 0 });
    if (!ack.ok) throw new Error('subscribe failed');
    const cli = spawn('docker', ['logs', '-f', '-t', '--tail', '0', chatty.id], { stdio: ['ignore', 'pipe', 'ignore'] });
    readline.createInterface({ input: cli.stdout }).on('line', (line) => {
      const now = Date.now();
      if (measuring) viaCli.push(now - tsMs(line.slice(0, line.indexOf(' '))));
    });
    await new Promise((r) => setTimeout(r, 1000));
    measuring = true;
    await new Promise((r) => setTimeout(r, LATENCY_SECONDS * 1000));
    measuring = false;
    cli.kill();
    await emitAck(socket, 'logs:unsubscribe', { subscriptionId: ack.subscriptionId });
    await docker.getContainer(chatty.id).remove({ force: true });
    const rate = viaSocket.length / LATENCY_SECONDS;
    const p50 = percentile(viaSocket, 50), p99 = percentile(viaSocket, 99), c50 = percentile(viaCli, 50), c99 = percentile(viaCli, 99);
    console.log(`latency: ${viaSocket.length} lines via socket.io, ${viaCli.length} via docker logs -f in ${LATENCY_SECONDS} s (${fmt(rate, 0)} lines/s)`);
    rows.push(
      { bench: 'logs', figure: `write→socket.io latency p50 (${fmt(rate, 0)} lines/s)`, value: `${fmt(p50)} ms`, reference: `docker logs -f p50 ${fmt(c50)} ms`, ratio: fmt(p50 / c50, 2) },
      { bench: 'logs', figure: 'write→socket.io latency p99', value: `${fmt(p99)} ms`, reference: `docker logs -f p99 ${fmt(c99)} ms`, ratio: fmt(p99 / c99, 2), target: '< 100 ms', pass: p99 < 100 },
    );

    // ---- (2)+(3) a million lines already in the log
    console.log(`writing ${MILLION.toLocaleString()} lines…`);
    const big = await createTestContainer({ project, service: 'million', cmd: ['sh', '-c', `seq 1 ${MILLION} | sed 's/$/ the quick brown fox jumps over the lazy dog/'`] });
    await waitFor(async () => (await big.container.inspect()).State.Status === 'exited', 'the million-line container to exit', 300_000, 500);
    const readViaCli = async () => {
      const t = performance.now();
      const ref = spawnSync('docker', ['logs', big.id], { stdio: ['ignore', 'ignore', 'ignore'] });
      if (ref.status !== 0) throw new Error('docker logs failed');
      return (performance.now() - t) / 1000;
    };

    const idleMb = rssMb(server.child.pid!);
    let peakMb = idleMb;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(server.child.pid!))), 50);
    // Lines can arrive in the same tick as the ack, before the promise continuation knows the id:
    // count every subscription's lines and read this one's when done.
    const counts = new Map<string, number>();
    let current: { id: string; done: () => void } | null = null;
    const check = (id: string) => current && current.id === id && (counts.get(id) ?? 0) >= MILLION && current.done();
    socket.on('logs:lines', (ev: { subscriptionId: string; lines: LogLine[] }) => {
      counts.set(ev.subscriptionId, (counts.get(ev.subscriptionId) ?? 0) + ev.lines.length);
      check(ev.subscriptionId);
    });
    socket.on('logs:status', (ev: LogsStatusEvent) => ev.state === 'ended' && check(ev.subscriptionId));
    let received = 0;
    const readViaSocket = async () => {
      const t = performance.now();
      let done!: () => void;
      const finished = new Promise<void>((r) => (done = r));
      const ack = await emitAck<{ ok: boolean; subscriptionId: string }>(socket, 'logs:subscribe', { containerId: big.id, tail: 'all' });
      current = { id: ack.subscriptionId, done };
      check(ack.subscriptionId);
      await Promise.race([finished, new Promise((_, rej) => setTimeout(() => rej(new Error(`only ${counts.get(ack.subscriptionId) ?? 0} lines after 300 s`)), 300_000))]);
      const seconds = (performance.now() - t) / 1000;
      received = counts.get(ack.subscriptionId) ?? 0;
      await emitAck(socket, 'logs:unsubscribe', { subscriptionId: ack.subscriptionId });
      return seconds;
    };
    // A-B-B-A, so neither side always reads the log file the other just brought into the page cache
    const { reference: cliSeconds, slipway: sockSeconds } = await abba(readViaCli, readViaSocket);
    clearInterval(sampler);
    socket.close();
    const sockRate = received / sockSeconds, cliRate = MILLION / cliSeconds;
    rows.push(
      { bench: 'logs', figure: `throughput, ${MILLION.toLocaleString()} lines to socket.io`, value: `${fmt(sockRate / 1000, 0)}k lines/s (${fmt(sockSeconds, 2)} s)`, reference: `docker logs >/dev/null ${fmt(cliRate / 1000, 0)}k lines/s (${fmt(cliSeconds, 2)} s)`, ratio: fmt(sockRate / cliRate, 2), target: '≥ 0.5', pass: sockRate / cliRate >= 0.5 },
      { bench: 'logs', figure: 'server peak RSS during the million', value: `${fmt(peakMb)} MB (growth ${fmt(peakMb - idleMb)} MB)`, reference: `idle ${fmt(idleMb)} MB`, target: 'growth < 100 MB', pass: peakMb - idleMb < 100 },
    );

    // ---- (4) the page with a million lines
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const login = await page.request.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
      if (!login.ok()) throw new Error('login failed');
      const s = performance.now();
      await page.goto(`${server.url}/logs?container=${big.id}&tail=all&buffer=1000000`);
      const countNow = async () => Number(((await page.getByTestId('line-count').textContent()) ?? '0').replace(/[^0-9]/g, ''));
      const deadline = Date.now() + Number(process.env.BENCH_LOGS_PAGE_SECONDS ?? 300) * 1000;
      let loaded = 0;
      // Done when the end-of-stream row (the container exited) follows the last line; the buffer
      // counts that row too, so a full million-row buffer may have trimmed its oldest 5% by then.
      const ended = page.getByTestId('status-row').filter({ hasText: 'container stopped' });
      while (Date.now() < deadline && !(await ended.count())) await new Promise((r) => setTimeout(r, 250));
      loaded = await countNow();
      const complete = (await ended.count()) > 0;
      const loadSeconds = (performance.now() - s) / 1000;
      if (!complete) console.log(`page: only ${loaded} lines after ${fmt(loadSeconds, 0)} s; scrolling what it holds`);
      // The renderer's main-thread CPU time per frame (Chromium's ThreadTime metric): what the page
      // costs, independent of how busy the rest of this shared machine is.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
      const cpu0 = await threadTime();
      const load0 = os.loadavg()[0];
      const scroll = await page.evaluate(async () => {
        const perf = window.performance; // (not Node's perf_hooks binding)
        const el = document.querySelector('[data-testid=log-viewport]') as HTMLElement;
        el.scrollTop = 0;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const frames = 600;
        const step = (el.scrollHeight - el.clientHeight) / frames;
        const deltas: number[] = [];
        let last = perf.now();
        const t0 = last;
        for (let i = 1; i <= frames; i++) {
          el.scrollTop = step * i;
          await new Promise((r) => requestAnimationFrame(r));
          const now = perf.now();
          deltas.push(now - last);
          last = now;
        }
        const rows = document.querySelectorAll('[data-testid=log-line]').length;
        const lastText = (document.querySelector('[data-testid=log-viewport]') as HTMLElement).innerText.trim().split('\n').pop();
        return { ms: perf.now() - t0, deltas, rows, lastText };
      });
      const cpuMsPerFrame = ((await threadTime()) - cpu0) * 1000 / scroll.deltas.length;
      const dropped = scroll.deltas.filter((d) => d > 1000 / 60 * 1.5).length;
      const fps = scroll.deltas.length / (scroll.ms / 1000);
      console.log(`page: loaded in ${fmt(loadSeconds, 1)} s; scrolled ${scroll.deltas.length} frames in ${fmt(scroll.ms / 1000, 2)} s; ${scroll.rows} rows in the DOM; last row "${scroll.lastText}"`);
      rows.push(
        { bench: 'logs', figure: `page: receive + render ${MILLION.toLocaleString()} lines`, value: `${fmt(loadSeconds, 1)} s (${fmt(MILLION / loadSeconds / 1000, 1)}k lines/s; buffer holds ${loaded.toLocaleString()})`, target: 'all received', pass: complete },
        { bench: 'logs', figure: 'page: scroll through them (600 frames)', value: `${fmt(fps, 1)} fps, ${dropped} dropped frames, p50 frame ${fmt(percentile(scroll.deltas, 50), 1)} ms, p99 ${fmt(percentile(scroll.deltas, 99), 1)} ms`, reference: `load average ${fmt(load0, 1)} on ${os.cpus().length} cores`, target: '60 fps', pass: fps >= 55 },
        { bench: 'logs', figure: 'page: renderer main-thread CPU per scroll frame', value: `${fmt(cpuMsPerFrame, 1)} ms`, reference: 'frame budget 16.7 ms' },
      );
    } finally {
      await browser.close();
    }
    report('logs', rows);
  } finally {
    await removeProject(project);
    await server.stop();
  }
}

runBench(main);
