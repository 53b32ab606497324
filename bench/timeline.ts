// `npm run bench -- timeline`: 10,000 events (a burst: 20 services over the last hour) drawn on the
// timeline page in headless Chromium, then zoomed and panned every frame for 5 s (wheel events, as a
// trackpad sends them). Figures: frames per second (requestAnimationFrame count), the slowest frames,
// and the renderer's main-thread CPU per frame (Chromium's ThreadTime), beside the 16.7 ms budget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openDb } from '../server/store/db';
import { insertEvent } from '../server/events/record';
import { EVENT_KINDS } from '../server/contract';
import { ADMIN_PASSWORD, startServer } from '../e2e/support/slipway-server';
import { fmt, percentile, report, runBench, type BenchRow } from './_lib';

const EVENTS = Number(process.env.BENCH_TIMELINE_EVENTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_TIMELINE_SECONDS ?? 5);
const PROJECT = 'bench-burst';

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-timeline-'));
  const db = openDb(path.join(dataDir, 'slipway.db'));
  const now = Date.now();
  const severities = ['info', 'info', 'info', 'warning', 'critical'] as const;
  db.transaction(() => {
    for (let i = 0; i < EVENTS; i++) {
      const service = `svc${i % 20}`;
      insertEvent(db, 'local', {
        project: PROJECT, service, container: `${PROJECT}-${service}-1`, kind: EVENT_KINDS[i % 6], severity: severities[i % 5],
        summary: `event ${i}`, detail: { exitCode: i % 7 }, at: new Date(now - 3_500_000 + Math.floor((i / EVENTS) * 3_400_000)).toISOString(),
      });
    }
  })();
  db.close();
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3197), dataDir });
  const rows: BenchRow[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const login = await page.request.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: ADMIN_PASSWORD } });
    if (!login.ok()) throw new Error('login failed');
    const t0 = performance.now();
    await page.goto(`${server.url}/timeline?project=${PROJECT}`);
    await page.getByTestId('event-count').filter({ hasText: `${EVENTS.toLocaleString('en-US')} events` }).waitFor({ timeout: 60_000 }).catch(async () => {
      throw new Error(`the page shows "${await page.getByTestId('event-count').textContent()}"`);
    });
    await page.waitForFunction(() => Number((document.querySelector('[data-testid=timeline-canvas]') as HTMLElement)?.dataset.markers ?? 0) > 0);
    const loadSeconds = (performance.now() - t0) / 1000;
    const drawn = await page.getByTestId('timeline-canvas').evaluate((c) => Number((c as HTMLElement).dataset.markers));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
    const cpu0 = await threadTime();
    const load0 = os.loadavg()[0];
    const run = await page.evaluate(async (seconds) => {
      const canvas = document.querySelector('[data-testid=timeline-canvas]') as HTMLCanvasElement;
      const r = canvas.getBoundingClientRect();
      const deltas: number[] = [];
      const t0 = performance.now();
      let last = t0;
      let i = 0;
      while (performance.now() - t0 < seconds * 1000) {
        // zoom in for a while, pan, zoom out, pan back: the view changes every frame
        const phase = Math.floor(i / 30) % 4;
        const init = { clientX: r.left + r.width * 0.6, clientY: r.top + 60, cancelable: true, bubbles: true };
        canvas.dispatchEvent(new WheelEvent('wheel', phase === 0 ? { ...init, deltaY: -40 } : phase === 2 ? { ...init, deltaY: 40 } : { ...init, deltaX: phase === 1 ? 30 : -30 }));
        await new Promise((res) => requestAnimationFrame(res));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
        i++;
      }
      return { ms: performance.now() - t0, deltas };
    }, SECONDS);
    const cpuMsPerFrame = (((await threadTime()) - cpu0) * 1000) / run.deltas.length;
    const fps = run.deltas.length / (run.ms / 1000);
    console.log(`timeline: ${drawn} markers drawn; ${run.deltas.length} frames in ${fmt(run.ms / 1000, 2)} s`);
    rows.push(
      { bench: 'timeline', figure: `page load with ${EVENTS.toLocaleString('en-US')} events`, value: `${fmt(loadSeconds, 2)} s`, reference: `${drawn} markers on screen` },
      { bench: 'timeline', figure: 'zoom and pan every frame', value: `${fmt(fps, 1)} fps, p50 frame ${fmt(percentile(run.deltas, 50), 1)} ms, p99 ${fmt(percentile(run.deltas, 99), 1)} ms`, reference: `load average ${fmt(load0, 1)} on ${os.cpus().length} cores`, target: '60 fps', pass: fps >= 55 },
      { bench: 'timeline', figure: 'renderer main-thread CPU per frame', value: `${fmt(cpuMsPerFrame, 1)} ms`, reference: 'frame budget 16.7 ms', target: '< 16.7 ms', pass: cpuMsPerFrame < 16.7 },
    );
    report('timeline', rows);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
