// `npm run bench -- stats`: 50 busy containers, 3 viewers each for 60 s through Slipway, beside the same
// 60 s of `docker stats` (the CLI, streaming those containers) and an idle baseline. Prints the server's
// CPU seconds and the engine's (dockerd + containerd + the containers' shims, from /proc) per phase.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Socket } from 'socket.io-client';
import { BUSYBOX, docker, removeProject, uniqueProject } from '../e2e/support/containers';
import { adminClient, waitFor } from '../e2e/support/http';
import { connectSocket, emitAck } from '../e2e/support/sockets';
import { startServer } from '../e2e/support/slipway-server';
import { cpuSeconds, fmt, report, runBench } from './_lib';

const COUNT = Number(process.env.BENCH_STATS_CONTAINERS ?? 50);
const VIEWERS = 3;
const SECONDS = Number(process.env.BENCH_STATS_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_STATS_ROUNDS ?? 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pidsOf = (name: string) => {
  try {
    return execFileSync('pidof', [name]).toString().trim().split(/\s+/).map(Number).filter(Boolean);
  } catch {
    return [];
  }
};
const ppid = (pid: number) => Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const sumCpu = (pids: number[]) => pids.reduce((s, p) => s + (() => { try { return cpuSeconds(p); } catch { return 0; } })(), 0);

async function main() {
  const project = uniqueProject('swb-stats');
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3123), env: { SLIPWAY_STATS_GRACE_MS: '1000' } });
  const sockets: Socket[] = [];
  try {
    console.log(`starting ${COUNT} busy containers…`);
    const ids: string[] = [];
    const queue = Array.from({ length: COUNT }, (_, i) => i + 1);
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let i = queue.shift(); i; i = queue.shift()) {
        // Busy but capped (2% of a core each): the machine is shared.
        const c = await docker.createContainer({
          name: `${project}-busy-${i}`, Image: BUSYBOX,
          Cmd: ['sh', '-c', 'while :; do dd if=/dev/zero of=/dev/null bs=64k count=50 2>/dev/null; sleep 0.5; done'],
          Labels: { 'slipway.test': '1', 'com.docker.compose.project': project, 'com.docker.compose.service': 'busy', 'com.docker.compose.container-number': String(i) },
          StopSignal: 'SIGKILL',
          HostConfig: { NetworkMode: 'host', NanoCpus: 20_000_000 },
        });
        await c.start();
        ids.push(c.id);
      }
    }));
    const shims = await Promise.all(ids.map(async (id) => ppid((await docker.getContainer(id).inspect()).State.Pid)));
    const engine = [...pidsOf('dockerd'), ...pidsOf('containerd'), ...shims.filter(Boolean)];
    const engineCpu = () => sumCpu(engine);
    const admin = await adminClient(server.url);
    await waitFor(async () => ((await admin.get('/api/containers')).json as { id: string }[]).filter((c) => ids.includes(c.id)).length === COUNT, 'containers listed', 60_000, 250);
    await sleep(3000);

    // The engine is shared with other users, so its load drifts: the three phases are interleaved in
    // ROUNDS rounds of SECONDS/ROUNDS each, and each phase's figure is the sum over its rounds.
    const window = (SECONDS / ROUNDS) * 1000;
    let idleEngine = 0, idleServer = 0, slipEngine = 0, slipServer = 0, cliEngine = 0, cliSelf = 0, samples = 0, counted = 0;
    let collectors: { containerId: string; streamsOpened: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Nobody watches: the engine's own cost with these containers (other users of the engine included).
      console.log(`round ${round}/${ROUNDS}: idle ${window / 1000} s…`);
      let e0 = engineCpu(), s0 = cpuSeconds(server.child.pid!);
      await sleep(window);
      idleEngine += engineCpu() - e0;
      idleServer += cpuSeconds(server.child.pid!) - s0;

      // Slipway, 3 viewers per container.
      console.log(`round ${round}/${ROUNDS}: Slipway, ${COUNT * VIEWERS} viewers, ${window / 1000} s…`);
      let received = 0;
      for (const id of ids)
        for (let v = 0; v < VIEWERS; v++) {
          const s = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url });
          s.on('stats:sample', () => received++);
          const ack = await emitAck<{ ok: boolean }>(s, 'stats:subscribe', { containerId: id });
          if (!ack.ok) throw new Error(`subscribe failed: ${JSON.stringify(ack)}`);
          sockets.push(s);
        }
      await waitFor(async () => received >= COUNT * VIEWERS, 'first samples to every viewer', 30_000, 100);
      collectors = ((await admin.get('/api/stats/collectors')).json as { containerId: string; streamsOpened: number }[]).filter((c) => ids.includes(c.containerId));
      e0 = engineCpu();
      s0 = cpuSeconds(server.child.pid!);
      const r0 = received;
      await sleep(window);
      slipEngine += engineCpu() - e0;
      slipServer += cpuSeconds(server.child.pid!) - s0;
      samples += received - r0;
      counted += window / 1000;
      for (const s of sockets.splice(0)) s.close();
      await waitFor(async () => !((await admin.get('/api/stats/collectors')).json as { containerId: string }[]).some((c) => ids.includes(c.containerId)), 'collectors stopped', 30_000, 250);

      // `docker stats`, streaming the same containers.
      console.log(`round ${round}/${ROUNDS}: docker stats, ${window / 1000} s…`);
      const cli = spawn('docker', ['stats', ...ids.map((id) => id.slice(0, 12))], { stdio: ['ignore', 'ignore', 'inherit'] });
      await sleep(3000); // its streams open
      e0 = engineCpu();
      const c0 = cpuSeconds(cli.pid!);
      await sleep(window);
      cliEngine += engineCpu() - e0;
      cliSelf += cpuSeconds(cli.pid!) - c0;
      // The CLI ignores SIGTERM while streaming; Ctrl-C is what a user would press.
      const exited = new Promise((r) => cli.once('exit', r));
      cli.kill('SIGINT');
      console.log(`  so far: engine idle ${fmt(idleEngine, 2)} s, under Slipway ${fmt(slipEngine, 2)} s, under docker stats ${fmt(cliEngine, 2)} s; server ${fmt(slipServer, 2)} s`);
      await Promise.race([exited, sleep(2000)]);
      if (cli.exitCode === null) cli.kill('SIGKILL');
    }
    const perViewerHz = samples / (COUNT * VIEWERS) / counted;

    const pct = (s: number) => `${fmt(s, 2)} CPU s (${fmt((100 * s) / SECONDS)}% of a core)`;
    console.log(`${collectors.length} collectors for ${COUNT * VIEWERS} viewers, streams opened ${collectors.reduce((n, c) => n + c.streamsOpened, 0)}`);
    report('stats', [
      { bench: 'stats', figure: `engine CPU, Slipway: ${COUNT} containers × ${VIEWERS} viewers, ${SECONDS} s`, value: pct(slipEngine), reference: `docker stats: ${pct(cliEngine)}`, ratio: fmt(slipEngine / cliEngine, 2), target: '≤ 1.0', pass: slipEngine <= cliEngine },
      { bench: 'stats', figure: `Slipway server CPU, same ${SECONDS} s`, value: pct(slipServer), reference: `docker CLI itself: ${pct(cliSelf)}`, ratio: fmt(slipServer / cliSelf, 2), target: '< 10% of a core', pass: slipServer / SECONDS < 0.1 },
      { bench: 'stats', figure: `engine CPU, nobody watching, ${SECONDS} s (phases interleaved in ${ROUNDS} rounds)`, value: pct(idleEngine), reference: `server idle ${pct(idleServer)}` },
      { bench: 'stats', figure: 'Docker stats streams for all viewers', value: `${collectors.length} collectors, ${collectors.reduce((n, c) => n + c.streamsOpened, 0)} streams`, reference: `${COUNT * VIEWERS} viewers`, target: `= ${COUNT}`, pass: collectors.length === COUNT },
      { bench: 'stats', figure: 'samples per viewer per second', value: fmt(perViewerHz, 2), target: '≈ 1' },
    ]);
  } finally {
    for (const s of sockets) s.close();
    await removeProject(project);
    await server.stop();
  }
}

runBench(main);
