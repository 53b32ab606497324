// `npm run bench -- swarm`: a single-node swarm on a second engine started here, 20 services.
// - GET /api/swarm/services and GET /api/swarm/services/:id beside the Engine API's own answers on the
//   same engine (services and tasks; one service and its tasks), order rotated each round;
// - how late the pushed `swarm:progress` says a rolling update is done, beside the moment the engine itself
//   reports UpdateStatus completed (read every 50 ms straight from the Engine API in this process).
import { performance } from 'node:perf_hooks';
import { SWARM_EVENTS, type SwarmProgressEvent } from '../server/contract';
import { adminClient } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { connectSocket, emitAck } from '../e2e/support/sockets';
import { createService, OK, startSwarm, V2 } from '../e2e/support/swarm-fixture';
import { alternating, fmt, percentile, report, runBench } from './_lib';

const SERVICES = 20;
const ROUNDS = 40;
const UPDATES = 4;

async function main() {
  const engine = await startSwarm();
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3145), env: { DOCKER_HOST: engine.url } });
  try {
    const ids: string[] = [];
    for (let i = 0; i < SERVICES; i++) ids.push(await createService(engine.docker, `svc${String(i).padStart(2, '0')}`, i === 0 ? 3 : 1));
    const admin = await adminClient(server.url);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const l = (await admin.get('/api/swarm/services')).json as { services: { running: number; desired: number }[] };
      if (l.services.length === SERVICES && l.services.every((s) => s.running === s.desired)) break;
      if (Date.now() > deadline) throw new Error('services did not all run within 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }

    // the raw reference: the Engine API over the same connection Slipway's engine is reached by
    const svc = engine.docker.getService(ids[0]);
    const t = await alternating(ROUNDS, {
      list: async () => {
        if ((await admin.get('/api/swarm/services')).status !== 200) throw new Error('list failed');
      },
      listEngine: () => Promise.all([engine.docker.listServices(), engine.docker.listTasks()]),
      one: async () => {
        if ((await admin.get(`/api/swarm/services/${ids[0]}`)).status !== 200) throw new Error('detail failed');
      },
      oneEngine: () => Promise.all([svc.inspect(), engine.docker.listTasks({ filters: JSON.stringify({ service: [ids[0]] }) })]),
    });
    const { list, listEngine: listCli, one, oneEngine: oneCli } = t;

    // rolling updates of the 3-replica service, start-first, 1 s monitor: pushed "done" vs the engine's own state
    const socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url });
    const events: { at: number; ev: SwarmProgressEvent }[] = [];
    socket.on(SWARM_EVENTS.progress, (ev: SwarmProgressEvent) => events.push({ at: performance.now(), ev }));
    await emitAck(socket, SWARM_EVENTS.watch, { serviceId: ids[0] });
    const lag: number[] = [], firstPush: number[] = [], total: number[] = [];
    for (let u = 0; u < UPDATES; u++) {
      const image = u % 2 === 0 ? V2 : OK;
      const inspect = async () => ((await engine.docker.getService(ids[0]).inspect()) as { UpdateStatus?: { State?: string; StartedAt?: string } }).UpdateStatus;
      const before = (await inspect())?.StartedAt;
      const t0 = performance.now();
      const r = await admin.post(`/api/swarm/services/${ids[0]}/update`, { image, monitorSeconds: 1, parallelism: 1 });
      if (r.status !== 200) throw new Error(`update answered ${r.status} ${JSON.stringify(r.json)}`);
      const runId = r.json.runId as string;
      let engineDone = NaN;
      const limit = performance.now() + 60_000;
      while (performance.now() < limit) {
        if (Number.isNaN(engineDone)) {
          const st = await inspect();
          if (st?.State === 'completed' && st.StartedAt !== before) engineDone = performance.now();
        }
        const done = events.find((e) => e.ev.runId === runId && e.ev.phase === 'done');
        if (done && !Number.isNaN(engineDone)) {
          if (!done.ev.ok) throw new Error(`update not ok: ${done.ev.message}`);
          lag.push(done.at - engineDone);
          firstPush.push((events.find((e) => e.ev.runId === runId)?.at ?? NaN) - t0);
          total.push(done.at - t0);
          break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
      if (lag.length !== u + 1) throw new Error('update did not finish within 60 s');
    }
    socket.close();

    const l50 = percentile(list, 50), l95 = percentile(list, 95), c50 = percentile(listCli, 50), c95 = percentile(listCli, 95);
    const o50 = percentile(one, 50), o95 = percentile(one, 95), p50 = percentile(oneCli, 50), p95 = percentile(oneCli, 95);
    report('swarm', [
      { bench: 'swarm', figure: `GET /api/swarm/services p50 (${SERVICES} services)`, value: `${fmt(l50)} ms`, reference: `Engine API services+tasks p50 ${fmt(c50)} ms`, ratio: fmt(l50 / c50, 2), target: '≤ 1.0', pass: l50 / c50 <= 1 },
      { bench: 'swarm', figure: 'GET /api/swarm/services p95', value: `${fmt(l95)} ms`, reference: `Engine API p95 ${fmt(c95)} ms`, ratio: fmt(l95 / c95, 2), target: '≤ 1.0', pass: l95 / c95 <= 1 },
      { bench: 'swarm', figure: 'GET /api/swarm/services/:id p50 (with tasks)', value: `${fmt(o50)} ms`, reference: `Engine API service+its tasks p50 ${fmt(p50)} ms`, ratio: fmt(o50 / p50, 2), target: '≤ 1.0', pass: o50 / p50 <= 1 },
      { bench: 'swarm', figure: 'GET /api/swarm/services/:id p95', value: `${fmt(o95)} ms`, reference: `Engine API p95 ${fmt(p95)} ms`, ratio: fmt(o95 / p95, 2), target: '≤ 1.0', pass: o95 / p95 <= 1 },
      { bench: 'swarm', figure: `update pushed "done" after the engine's completed, max of ${UPDATES}`, value: `${fmt(Math.max(...lag))} ms`, reference: 'engine UpdateStatus read every 50 ms', target: '< 750 ms', pass: Math.max(...lag) < 750 },
      { bench: 'swarm', figure: 'first progress push after the POST, max', value: `${fmt(Math.max(...firstPush))} ms`, target: '< 750 ms', pass: Math.max(...firstPush) < 750 },
      { bench: 'swarm', figure: 'rolling update of 3 replicas (start-first, monitor 1 s), median', value: `${fmt(percentile(total, 50) / 1000, 2)} s` },
    ]);
  } finally {
    await server.stop();
    await engine.dispose();
  }
}

runBench(main);
