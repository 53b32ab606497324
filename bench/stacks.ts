// `npm run bench -- stacks`: a 10-service stack deployed, restarted, redeployed and brought down through
// Slipway (from the POST to the `operation:done` push) beside the same compose commands run directly on a
// copy of the files, order alternated per round. Then: the time from a hand-typed `docker-compose up -d`
// returning to GET /api/stacks showing every container running.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { removeProject } from '../e2e/support/containers';
import { adminClient, waitFor, type Client } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { connectSocket } from '../e2e/support/sockets';
import { cpuSeconds, fmt, report, runBench } from './_lib';

const SERVICES = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const tag = crypto.randomBytes(3).toString('hex');
const compose =
  'services:\n' +
  Array.from({ length: SERVICES }, (_, i) => `  s${i}:\n    image: slipway/busybox:1\n    command: ["sleep", "3600"]\n    network_mode: host\n    stop_signal: SIGKILL\n`).join('');

type Step = 'deploy' | 'restart' | 'redeploy' | 'down';
const STEPS: Step[] = ['deploy', 'restart', 'redeploy', 'down'];
const CLI: Record<Step, string[][]> = {
  deploy: [['up', '-d', '--remove-orphans']],
  restart: [['restart']],
  redeploy: [['pull', '--ignore-pull-failures'], ['up', '-d', '--remove-orphans']],
  down: [['down']],
};

async function main() {
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 4131) });
  const name = `swb-stacks-${tag}`;
  const cliProject = `swb-stacks-cli-${tag}`;
  const handProject = `swb-stacks-hand-${tag}`;
  const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swb-stacks-'));
  fs.writeFileSync(path.join(cliDir, 'compose.yaml'), compose);
  let socket: Socket | null = null;
  try {
    const admin: Client = await adminClient(server.url);
    const created = await admin.post('/api/stacks', { name, compose });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.json)}`);
    socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url });
    const done = new Map<string, { status: string }>();
    const waiters = new Map<string, () => void>();
    socket.on('operation:done', (e: { id: string; status: string }) => {
      done.set(e.id, e);
      waiters.get(e.id)?.();
    });

    const viaSlipway = async (step: Step) => {
      // a fresh connection before the clock starts: the server closes idle keep-alive sockets after 5 s
      await waitFor(async () => (await admin.get('/api/auth/me')).status === 200, 'server answers', 5000, 50);
      const t0 = performance.now();
      const r = await admin.post(`/api/stacks/${name}/operations`, step === 'down' ? { action: 'down', confirm: name } : { action: step });
      if (r.status !== 202) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.json)}`);
      const id = r.json.id as string;
      if (!done.has(id)) await new Promise<void>((res) => waiters.set(id, res));
      const ms = performance.now() - t0;
      if (done.get(id)!.status !== 'succeeded') throw new Error(`${step} through Slipway: ${done.get(id)!.status}`);
      return ms;
    };
    const viaCli = (step: Step) => {
      const t0 = performance.now();
      for (const args of CLI[step]) {
        try {
          execFileSync('docker-compose', ['-p', cliProject, '-f', 'compose.yaml', ...args], { cwd: cliDir, stdio: 'ignore' });
        } catch (e) {
          // the same tolerance as Slipway's redeploy: a failed pull of a local image goes on with `up`
          if (!args.includes('--ignore-pull-failures')) throw e;
        }
      }
      return performance.now() - t0;
    };

    const slipway: Record<Step, number[]> = { deploy: [], restart: [], redeploy: [], down: [] };
    const direct: Record<Step, number[]> = { deploy: [], restart: [], redeploy: [], down: [] };
    // the server's own CPU while each side runs: what Slipway adds beyond compose itself
    const serverCpu = { slipway: 0, cli: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // whole sequences alternate, so each side sees the other's leftovers equally
      const order = round % 2 === 0 ? ['slipway', 'cli'] : ['cli', 'slipway'];
      for (const who of order)
        for (const step of STEPS) {
          const cpu0 = cpuSeconds(server.child.pid!);
          if (who === 'slipway') slipway[step].push(await viaSlipway(step));
          else direct[step].push(viaCli(step));
          serverCpu[who as 'slipway' | 'cli'] += cpuSeconds(server.child.pid!) - cpu0;
        }
      console.log(`round ${round + 1}: ${STEPS.map((s) => `${s} ${fmt(slipway[s][round] / 1000, 2)} s vs ${fmt(direct[s][round] / 1000, 2)} s`).join(', ')}`);
    }

    console.log(`server CPU during Slipway's sequences ${fmt(serverCpu.slipway, 2)} s, during the CLI's ${fmt(serverCpu.cli, 2)} s`);
    // hand-typed `docker-compose up -d`, then the overview
    const handDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swb-hand-'));
    fs.writeFileSync(path.join(handDir, 'compose.yaml'), compose);
    const lags: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      execFileSync('docker-compose', ['-p', handProject, 'up', '-d'], { cwd: handDir, stdio: 'ignore' });
      const t0 = performance.now();
      await waitFor(async () => {
        const stacks = (await admin.get('/api/stacks')).json as { name: string; services: { containers: { state: string }[] }[] }[];
        const s = stacks.find((x) => x.name === handProject);
        return s && s.services.length === SERVICES && s.services.every((svc) => svc.containers.length > 0 && svc.containers.every((c) => c.state === 'running'));
      }, 'overview shows the hand-started stack', 10_000, 10);
      lags.push(performance.now() - t0);
      execFileSync('docker-compose', ['-p', handProject, 'down'], { cwd: handDir, stdio: 'ignore' });
    }
    fs.rmSync(handDir, { recursive: true, force: true });

    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const rows = STEPS.map((step) => {
      const a = sum(slipway[step]) / slipway[step].length;
      const b = sum(direct[step]) / direct[step].length;
      return { bench: 'stacks', figure: `${step} (${SERVICES} services), mean of ${ROUNDS}`, value: `${fmt(a / 1000, 2)} s`, reference: `docker-compose ${fmt(b / 1000, 2)} s`, ratio: fmt(a / b, 2), target: '≤ 1.10', pass: a / b <= 1.1 };
    });
    const total = sum(STEPS.map((s) => sum(slipway[s])));
    const totalRef = sum(STEPS.map((s) => sum(direct[s])));
    rows.push({ bench: 'stacks', figure: 'whole sequence', value: `${fmt(total / 1000 / ROUNDS, 2)} s`, reference: `docker-compose ${fmt(totalRef / 1000 / ROUNDS, 2)} s`, ratio: fmt(total / totalRef, 2), target: '≤ 1.10', pass: total / totalRef <= 1.1 });
    const worstLag = Math.max(...lags);
    rows.push({ bench: 'stacks', figure: 'hand-typed up -d → overview all running (worst)', value: `${fmt(worstLag, 0)} ms`, reference: `each: ${lags.map((l) => fmt(l, 0)).join(', ')} ms`, ratio: '', target: '< 1000 ms', pass: worstLag < 1000 });
    report('stacks', rows);
  } finally {
    socket?.close();
    for (const p of [name, cliProject, handProject]) await removeProject(p);
    try {
      execFileSync('docker', ['network', 'rm', `${cliProject}_default`, `${name}_default`, `${handProject}_default`], { stdio: 'ignore' });
    } catch {
      /* none created with host networking */
    }
    fs.rmSync(cliDir, { recursive: true, force: true });
    await server.stop();
  }
}

runBench(main);
