// `npm run bench -- environments`: two engines (the shared one and a second dockerd started here).
// p95 of GET /api/stacks for the answering engine with both answering, then with the second stopped;
// the same for GET /api/environments; `docker ps` on the answering engine as the raw reference.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { BUSYBOX } from '../e2e/support/containers';
import { adminClient, waitFor, type Client } from '../e2e/support/http';
import { startSecondEngine } from '../e2e/support/second-engine';
import { startServer } from '../e2e/support/slipway-server';
import { fmt, percentile, report, runBench } from './_lib';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

async function measure(admin: Client) {
  const stacks: number[] = [];
  const envs: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // interleaved, so all three see the same machine load
    let s = performance.now();
    if ((await admin.get('/api/stacks')).status !== 200) throw new Error('stacks failed');
    stacks.push(performance.now() - s);
    s = performance.now();
    if ((await admin.get('/api/environments')).status !== 200) throw new Error('environments failed');
    envs.push(performance.now() - s);
    s = performance.now();
    execFileSync('docker', ['ps', '-a', '--format', 'json'], { stdio: ['ignore', 'ignore', 'inherit'] });
    cli.push(performance.now() - s);
  }
  return { stacks: percentile(stacks, 95), envs: percentile(envs, 95), cli: percentile(cli, 95) };
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
      { bench: 'environments', figure: 'GET /api/stacks p95, both engines answering', value: `${fmt(both.stacks)} ms`, reference: `docker ps p95 ${fmt(both.cli)} ms`, ratio: fmt(both.stacks / both.cli, 2) },
      { bench: 'environments', figure: 'GET /api/stacks p95, second engine stopped', value: `${fmt(dead.stacks)} ms`, reference: `docker ps p95 ${fmt(dead.cli)} ms`, ratio: fmt(dead.stacks / dead.cli, 2) },
      { bench: 'environments', figure: 'added by the dead engine (stacks p95)', value: `${fmt(added)} ms`, target: '< 50 ms', pass: added < 50 },
      { bench: 'environments', figure: 'GET /api/environments p95 both / one dead', value: `${fmt(both.envs)} / ${fmt(dead.envs)} ms`, target: '< 50 ms added', pass: addedEnvs < 50 },
    ]);
  } finally {
    await server.stop();
    await engine.dispose();
  }
}

runBench(main);
