// `npm run bench -- errorrate`: the cost of the error-log rate (issue 18). 50 busybox containers on the
// host network each write about 200 lines/s, one in ten at error level, for 60 s. Slipway counts every
// running container's error lines through one follow stream each; the reference is what an operator
// would run instead: `docker logs -f` of all 50 to /dev/null. A-B-B-A windows of 15 s: in A windows the
// 50 CLIs run and their CPU is read, in B windows only Slipway runs and its CPU is read, so each side
// is measured once early and once late, and neither competes with the other while measured.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createTestContainer, removeProject, uniqueProject } from '../e2e/support/containers';
import { adminClient, waitFor } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { cpuSeconds, fmt, report, runBench, type BenchRow } from './_lib';

const CONTAINERS = Number(process.env.BENCH_ERRORRATE_CONTAINERS ?? 50);
const SECONDS = Number(process.env.BENCH_ERRORRATE_SECONDS ?? 60);
const WINDOW_MS = (SECONDS * 1000) / 4;
// 20 lines every 100 ms (about 200 lines/s), every tenth at error level
const WRITER = 'BEGIN { while (1) { for (i = 0; i < 20; i++) { if (n % 10 == 0) print "ERROR request failed id=" n; else print "INFO GET /api/items 200 id=" n; n++ } fflush(); system("usleep 100000") } }';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (os.loadavg()[0] >= 4 && !process.env.BENCH_FORCE) throw new Error(`load average ${fmt(os.loadavg()[0])} ≥ 4: the figures would mean nothing (BENCH_FORCE=1 to run anyway)`);
  const project = uniqueProject('swb-err');
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3196) });
  const rows: BenchRow[] = [];
  let clis: ChildProcess[] = [];
  try {
    const admin = await adminClient(server.url);
    const started = await Promise.all(Array.from({ length: CONTAINERS }, (_, i) => createTestContainer({ project, service: `w${i}`, cmd: ['awk', WRITER] })));
    const names = new Set(started.map((c) => c.name));
    // every container followed: each has counted an error line
    await waitFor(async () => {
      const points = (await admin.get(`/api/events/error-rate?project=${project}&since=5m`)).json as { container: string }[];
      return new Set(points.map((p) => p.container).filter((n) => names.has(n))).size === CONTAINERS;
    }, `all ${CONTAINERS} containers counted`, 120_000, 1000);

    const pid = server.child.pid!;
    const devnull = fs.openSync('/dev/null', 'w');
    const referenceWindow = async () => {
      clis = started.map((c) => spawn('docker', ['logs', '-f', '--tail', '0', c.id], { stdio: ['ignore', devnull, devnull] }));
      await sleep(500); // the CLIs are up (their start-up is not part of following)
      const before = clis.map((p) => cpuSeconds(p.pid!));
      await sleep(WINDOW_MS);
      const used = clis.reduce((s, p, i) => s + cpuSeconds(p.pid!) - before[i], 0);
      for (const p of clis) p.kill();
      await Promise.all(clis.map((p) => (p.exitCode !== null ? null : new Promise((r) => p.once('exit', r)))));
      clis = [];
      return used / (WINDOW_MS / 1000);
    };
    const slipwayWindow = async () => {
      const before = cpuSeconds(pid);
      await sleep(WINDOW_MS);
      return (cpuSeconds(pid) - before) / (WINDOW_MS / 1000);
    };
    const countedBefore = (await admin.get(`/api/events/error-rate?project=${project}&since=1h`)).json as { count: number }[];
    const t0 = Date.now();
    const r1 = await referenceWindow();
    const s1 = await slipwayWindow();
    const s2 = await slipwayWindow();
    const r2 = await referenceWindow();
    const elapsed = (Date.now() - t0) / 1000;
    const countedAfter = (await admin.get(`/api/events/error-rate?project=${project}&since=1h`)).json as { count: number }[];
    const sum = (p: { count: number }[]) => p.reduce((n, x) => n + x.count, 0);
    const errorsPerSecond = (sum(countedAfter) - sum(countedBefore)) / elapsed;
    const slipway = (s1 + s2) / 2, reference = (r1 + r2) / 2;
    console.log(`cores used: docker logs -f ×${CONTAINERS} ${fmt(r1, 3)} / ${fmt(r2, 3)}, Slipway ${fmt(s1, 3)} / ${fmt(s2, 3)}; ${fmt(errorsPerSecond, 0)} error lines/s counted`);
    rows.push(
      { bench: 'errorrate', figure: `CPU counting error lines of ${CONTAINERS} containers (~${CONTAINERS * 200} lines/s)`, value: `${fmt(slipway * 100)} % of a core`, reference: `docker logs -f ×${CONTAINERS} >/dev/null ${fmt(reference * 100)} %`, ratio: fmt(slipway / reference, 2), target: '≤ 1.0', pass: slipway / reference <= 1.0 },
      { bench: 'errorrate', figure: 'Slipway CPU while counting', value: `${fmt(slipway * 100)} % of a core`, reference: `load average ${fmt(os.loadavg()[0], 1)} on ${os.cpus().length} cores`, target: '< 15 %', pass: slipway < 0.15 },
      { bench: 'errorrate', figure: 'error lines counted', value: `${fmt(errorsPerSecond, 0)}/s`, reference: `written: about ${CONTAINERS * 20}/s` },
    );
    report('errorrate', rows);
  } finally {
    for (const p of clis) p.kill();
    await removeProject(project);
    await server.stop();
  }
}

runBench(main);
