// `npm run bench -- updates`: 50 tagged images, each run by a container, checked for updates through
// Slipway (POST /api/updates/check, fresh: one manifest HEAD per tag) beside `docker pull` of the same
// 50 up-to-date tags (the fairest raw reference: what an operator or Watchtower-style tool runs), both at
// 4 at a time, rounds alternated. Requests and bytes come from the registry's own access log.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { adminClient } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { docker } from '../e2e/support/containers';
import { buildImage, push, removeImages, startRegistry, uid, type LocalRegistry } from '../e2e/api/updates-fixture';
import { fmt, percentile, report, runBench, type BenchRow } from './_lib';

const run = promisify(execFile);
const N = Number(process.env.BENCH_UPDATES_N ?? 50);
const ROUNDS = Number(process.env.BENCH_UPDATES_ROUNDS ?? 3);
const PARALLEL = 4;
const PORT = Number(process.env.SLIPWAY_BENCH_PORT ?? 4430);

interface LogTally {
  requests: number;
  bytes: number;
  blobs: number;
}

/** requests, response body bytes and blob requests in the registry's access log since line `from` */
function tally(reg: LocalRegistry, from: number): LogTally {
  const lines = reg.requests().slice(from);
  let bytes = 0;
  let blobs = 0;
  for (const l of lines) {
    const m = /"(\w+) (\S+) HTTP\/[\d.]+" (\d+) (\d+)/.exec(l);
    if (!m) continue;
    // the access log gives the Content-Length even for HEAD, whose body is never sent
    if (m[1] !== 'HEAD') bytes += Number(m[4]);
    if (m[2].includes('/blobs/') && m[1] === 'GET') blobs++;
  }
  return { requests: lines.length, bytes, blobs };
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

runBench(async () => {
  const id = uid();
  const registry = await startRegistry();
  const refs = Array.from({ length: N }, (_, i) => `${registry.host}/swbench-${id}/app${i}:stable`);
  const containers: string[] = [];
  const server = await startServer({ port: PORT, env: { SLIPWAY_UPDATE_INTERVAL: 'off' } });
  try {
    const seed = `${registry.host}/swbench-${id}/seed:1`;
    await buildImage(seed, 'bench');
    for (const r of refs) await run('docker', ['tag', seed, r]);
    await pool(refs, PARALLEL, (r) => push(registry, r));
    // every tag pulled once, so each local image carries the registry's RepoDigest
    await pool(refs, PARALLEL, (r) => run('docker', ['pull', '-q', r]));
    for (const [i, r] of refs.entries()) {
      const c = await docker.createContainer({ name: `swbench-${id}-${i}`, Image: r, Cmd: ['sleep', '3600'], Labels: { 'slipway.test': '1' }, HostConfig: { NetworkMode: 'host' } });
      containers.push(c.id);
      await c.start();
    }
    const admin = await adminClient(server.url);
    for (;;) {
      const listed = (await admin.get('/api/containers')).json.filter((c: { name: string }) => c.name.startsWith(`swbench-${id}-`)).length;
      if (listed === N) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const slipway: number[] = [];
    const pulls: number[] = [];
    let sTally: LogTally = { requests: 0, bytes: 0, blobs: 0 };
    let pTally: LogTally = { requests: 0, bytes: 0, blobs: 0 };
    let statuses: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const which of round % 2 ? ['pull', 'slipway'] : ['slipway', 'pull']) {
        const from = registry.requests().length;
        const t0 = performance.now();
        if (which === 'slipway') {
          const r = await admin.post('/api/updates/check?wait=1', {});
          slipway.push((performance.now() - t0) / 1000);
          await new Promise((r) => setTimeout(r, 300)); // the access log line of the last request
          sTally = tally(registry, from);
          statuses = {};
          for (const u of r.json.filter((x: { image: string }) => refs.includes(x.image))) statuses[u.status] = (statuses[u.status] ?? 0) + 1;
        } else {
          await pool(refs, PARALLEL, (r) => run('docker', ['pull', '-q', r]));
          pulls.push((performance.now() - t0) / 1000);
          await new Promise((r) => setTimeout(r, 300));
          pTally = tally(registry, from);
        }
      }
    }
    const s = percentile(slipway, 50);
    const p = percentile(pulls, 50);
    console.log(`[updates] slipway check of ${N} images: ${slipway.map((x) => fmt(x, 2)).join(', ')} s; docker pull ×${N}: ${pulls.map((x) => fmt(x, 2)).join(', ')} s`);
    console.log(`[updates] statuses: ${JSON.stringify(statuses)}; slipway ${JSON.stringify(sTally)}; docker pull ${JSON.stringify(pTally)}`);
    const rows: BenchRow[] = [
      { bench: 'updates', figure: `check ${N} tags (median of ${ROUNDS})`, value: `${fmt(s, 2)} s`, reference: `docker pull ×${N}: ${fmt(p, 2)} s`, ratio: fmt(s / p, 3), target: '≤ 0.2', pass: s / p <= 0.2 },
      { bench: 'updates', figure: 'registry requests per check', value: String(sTally.requests), reference: `docker pull: ${pTally.requests}` },
      { bench: 'updates', figure: 'bytes from the registry per check', value: String(sTally.bytes), reference: `docker pull: ${pTally.bytes}` },
      { bench: 'updates', figure: 'blobs (layers) fetched by the check', value: String(sTally.blobs), target: '0', pass: sTally.blobs === 0 },
      { bench: 'updates', figure: 'tags found up to date', value: `${statuses['up-to-date'] ?? 0}/${N}`, target: `${N}/${N}`, pass: statuses['up-to-date'] === N },
    ];
    report('updates', rows);
  } finally {
    await Promise.all(containers.map((c) => docker.getContainer(c).remove({ force: true }).catch(() => undefined)));
    await removeImages([...refs, `${registry.host}/swbench-${id}/seed:1`]);
    await server.stop();
    await registry.stop();
  }
});
