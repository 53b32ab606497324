// `npm run bench -- errorrate`: the cost of the error-log rate (issue 18). 50 busybox containers on the
// host network each write about 200 lines/s, one in ten at error level, for 60 s. Slipway counts every
// running container's error lines through one follow stream each; the reference is what an operator
// would run instead: `docker logs -f` of all 50 to /dev/null. A-B-B-A windows of 15 s: in A windows the
// 50 CLIs run and their CPU is read, in B windows only Slipway runs and its CPU is read, so each side
// is measured once early and once late, and neither competes with the other while measured.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createTestContainer, docker, removeProject, uniqueProject } from '../e2e/support/containers';
import { adminClient, waitFor } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { cpuSeconds, fmt, report, runBench, type BenchRow } from './_lib';

const CONTAINERS = Number(process.env.BENCH_ERRORRATE_CONTAINERS ?? 50);
const SECONDS = Number(process.env.BENCH_ERRORRATE_SECONDS ?? 60);
const WINDOW_MS = (SECONDS * 1000) / 4;
// 20 lines every 100 ms (about 200 lines/s), every tenth at error level
const WRITER = 'BEGIN { while (1) { for (i = 0; i < 20; i++) { if (n % 10 == 0) print "ERROR request failed id=" n; else print "INFO GET /api/items 200 id=" n; n++ } fflush(); system("usleep 100000") } }';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The id of the newest line a writer printed (its lines are numbered from 0), read from the Engine API. */
async function lastId(id: string): Promise<number> {
  const buf = (await docker.getContainer(id).logs({ stdout: true, stderr: true, tail: 1, follow: false })) as unknown as Buffer;
  const m = /id=(\d+)\s*$/.exec(buf.toString('latin1'));
  if (!m) throw new Error(`no numbered line from ${id}`);
  return Number(m[1]);
}
/** Lines 0..n include this many at error level (every tenth, starting with line 0). */
const errorsUpTo = (n: number) => Math.floor(n / 10) + 1;

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
    // What was really written is read from the writers themselves: under load they fall behind their nominal
    // 200 lines/s, so the counted rate is compared with the lines written in the same window, not with a constant.
    const readBoth = async () => ({
      ids: await Promise.all(started.map((c) => lastId(c.id))),
      counted: (await admin.get(`/api/events/error-rate?project=${project}&since=1h`)).json as { count: number }[],
    });
    // At the start both readings are a few milliseconds apart (a handful of lines of some 10,000); at the end the
    // writers are stopped first (docker pause needs a cgroup freezer this machine lacks), so both see the same lines.
    const { ids: idsBefore, counted: countedBefore } = await readBoth();
    const t0 = Date.now();
    const r1 = await referenceWindow();
    const s1 = await slipwayWindow();
    const s2 = await slipwayWindow();
    const r2 = await referenceWindow();
    const elapsed = (Date.now() - t0) / 1000;
    await Promise.all(started.map((c) => docker.getContainer(c.id).kill()));
    await sleep(1000); // the followers count the last lines written
    const { ids: idsAfter, counted: countedAfter } = await readBoth();
    const sum = (p: { count: number }[]) => p.reduce((n, x) => n + x.count, 0);
    const counted = sum(countedAfter) - sum(countedBefore);
    const writtenErrors = idsAfter.reduce((n, id, i) => n + errorsUpTo(id) - errorsUpTo(idsBefore[i]), 0);
    const writtenLines = idsAfter.reduce((n, id, i) => n + id - idsBefore[i], 0);
    const errorsPerSecond = counted / elapsed;
    const linesPerSecond = writtenLines / elapsed;
    const slipway = (s1 + s2) / 2, reference = (r1 + r2) / 2;
    console.log(`cores used: docker logs -f ×${CONTAINERS} ${fmt(r1, 3)} / ${fmt(r2, 3)}, Slipway ${fmt(s1, 3)} / ${fmt(s2, 3)}; ${counted} error lines counted of ${writtenErrors} written (${fmt(linesPerSecond, 0)} lines/s in all)`);
    rows.push(
      { bench: 'errorrate', figure: `CPU counting error lines of ${CONTAINERS} containers (${fmt(linesPerSecond, 0)} lines/s written)`, value: `${fmt(slipway * 100)} % of a core`, reference: `docker logs -f ×${CONTAINERS} >/dev/null ${fmt(reference * 100)} %`, ratio: fmt(slipway / reference, 2), target: '≤ 1.0', pass: slipway / reference <= 1.0 },
      { bench: 'errorrate', figure: 'Slipway CPU while counting', value: `${fmt(slipway * 100)} % of a core`, reference: `load average ${fmt(os.loadavg()[0], 1)} on ${os.cpus().length} cores`, target: '< 15 %', pass: slipway < 0.15 },
      { bench: 'errorrate', figure: 'error lines counted in the window (written ones read from the writers)', value: `${counted} (${fmt(errorsPerSecond, 0)}/s)`, reference: `written ${writtenErrors}`, ratio: fmt(counted / writtenErrors, 3), target: '≥ 0.99 and ≤ 1.01', pass: Math.abs(counted / writtenErrors - 1) <= 0.01 },
    );
    report('errorrate', rows);
  } finally {
    for (const p of clis) p.kill();
    await removeProject(project);
    await server.stop();
  }
}

runBench(main);
