// `npm run bench -- environments`: two engines (the shared one and a second dockerd started here).
// p95 of GET /api/stacks for the answering engine with both answering, then with the second stopped;
// the same for GET /api/environments; the answering engine's own list (Engine API GET /containers/json
// over the same socket) as the raw reference; order rotated each round.
import { BUSYBOX, docker } from '../e2e/support/containers';
import { adminClient, waitFor, type Client } from '../e2e/support/http';
import { startSecondEngine } from '../e2e/support/second-engine';
import { startServer } from '../e2e/support/slipway-server';
import { alternating, fmt, percentile, report, runBench } from './_lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

async function measure(admin: Client) {
  const ok = async (path: string) => {
    if ((await admin.get(path)).status !== 200) throw new Error(`${path} failed`);
  };
  const t = await alternating(ROUNDS, { stacks: () => ok('/api/stacks'), envs: () => ok('/api/environments'), engine: () => docker.listContainers({ all: true }) });
  return { stacks: percentile(t.stacks, 95), envs: percentile(t.envs, 95), cli: percentile(t.engine, 95) };
}

async function main() {
  const engine = await startSecondEngine({ images: [BUSYBOX] });
  for (let i = 1; i <= 20; i++) {
    const c = await engine.docker.createContainer({ name: `swb-env-${i}`, Image: BUSYBOX, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL', HostConfig: { NetworkMode: 'host' } });
    await c.start();
  }
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3190), env: { SLIPWAY_ENVIRONMENTS: `local=unix:///var/run/docker.sock,second=${engine.url}` } });
  try {
    const admin = await adminClient(server.url);
    const envState = async () => (await admin.get('/api/environments')).json as { name: string; reachable: boolean }[];
    await waitFor(async () => (await envState()).every((e) => e.reachable), 'both engines reachable', 30_000);
    await measure(admin); // warm-up
    const both = await measure(admin);
    await engine.stop();
    await waitFor(async () => (await envState()).find((e) => e.name === 'second')?.reachable === false, 'second unreachable', 30_000);
    const dead = await measure(admin);
    const added = dead.stacks - both.stacks;
    const addedEnvs = dead.envs - both.envs;
    report('environments', [
      { bench: 'environments', figure: 'GET /api/stacks p95, both engines answering', value: `${fmt(both.stacks)} ms`, reference: `Engine API p95 ${fmt(both.cli)} ms`, ratio: fmt(both.stacks / both.cli, 2) },
      { bench: 'environments', figure: 'GET /api/stacks p95, second engine stopped', value: `${fmt(dead.stacks)} ms`, reference: `Engine API p95 ${fmt(dead.cli)} ms`, ratio: fmt(dead.stacks / dead.cli, 2) },
      { bench: 'environments', figure: 'added by the dead engine (stacks p95)', value: `${fmt(added)} ms`, target: '< 50 ms', pass: added < 50 },
      { bench: 'environments', figure: 'GET /api/environments p95 both / one dead', value: `${fmt(both.envs)} / ${fmt(dead.envs)} ms`, target: '< 50 ms added', pass: addedEnvs < 50 },
    ]);
  } finally {
    await server.stop();
    await engine.dispose();
  }
}

runBench(main);
