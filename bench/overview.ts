// `npm run bench -- overview`: 200 small containers; p50/p95 of GET /api/stacks beside the Engine API's
// own list (GET /containers/json?all=1 over the same socket: the real lower bound, no CLI start-up),
// order rotated each round; server memory idle and after.
import { createTestContainer, docker, removeProject, uniqueProject } from '../e2e/support/containers';
import { adminClient, waitFor } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { alternating, fmt, percentile, report, rssMb, runBench } from './_lib';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 200);
const ROUNDS = 100;

async function main() {
  const project = uniqueProject('swb-overview');
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3190) });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = rssMb(server.child.pid!);
    console.log(`starting ${COUNT} containers…`);
    const t0 = performance.now();
    const queue = Array.from({ length: COUNT }, (_, i) => i + 1);
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i; i = queue.shift()) await createTestContainer({ project, service: 'sleeper', index: i, cmd: ['sleep', '3600'] });
    }));
    console.log(`started in ${fmt((performance.now() - t0) / 1000)} s`);
    const admin = await adminClient(server.url);
    await waitFor(async () => {
      const stacks = (await admin.get('/api/stacks')).json as { name: string; services: { containers: unknown[] }[] }[];
      return stacks.find((s) => s.name === project)?.services[0]?.containers.length === COUNT;
    }, 'all containers in /api/stacks', 60_000, 250);
    const total = (await docker.listContainers({ all: true })).length;

    const { api, engine } = await alternating(ROUNDS, {
      api: async () => {
        const r = await admin.get('/api/stacks');
        if (r.status !== 200) throw new Error(`stacks answered ${r.status}`);
      },
      engine: () => docker.listContainers({ all: true }),
    });
    const afterMb = rssMb(server.child.pid!);
    const p50 = percentile(api, 50), p95 = percentile(api, 95), cli50 = percentile(engine, 50), cli95 = percentile(engine, 95);
    console.log(`${total} containers on the engine (${COUNT} of this run)`);
    report('overview', [
      { bench: 'overview', figure: `GET /api/stacks p50 (${total} containers)`, value: `${fmt(p50)} ms`, reference: `Engine API GET /containers/json?all=1 p50 ${fmt(cli50)} ms`, ratio: fmt(p50 / cli50, 2), target: '≤ 1.0', pass: p50 / cli50 <= 1 },
      { bench: 'overview', figure: 'GET /api/stacks p95', value: `${fmt(p95)} ms`, reference: `Engine API p95 ${fmt(cli95)} ms`, ratio: fmt(p95 / cli95, 2), target: '≤ 1.0', pass: p95 / cli95 <= 1 },
      { bench: 'overview', figure: 'server RSS idle', value: `${fmt(idleMb)} MB`, target: '< 150 MB', pass: idleMb < 150 },
      { bench: 'overview', figure: 'server RSS after the run', value: `${fmt(afterMb)} MB` },
    ]);
  } finally {
    await removeProject(project);
    await server.stop();
  }
}

runBench(main);
