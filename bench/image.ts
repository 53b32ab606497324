// `npm run bench -- image`: Slipway's image size, and its idle RSS in a container beside `npm start` (the same
// build, the same flags) on the same machine. Three rounds, order alternated, each side measured after the same
// idle time with the same containers on the engine; targets from issue 22: image < 250 MB, RSS within 10 %.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { docker, uniqueProject } from '../e2e/support/containers';
import { startServer } from '../e2e/support/slipway-server';
import { fmt, report, rssMb, runBench } from './_lib';

const ROOT = path.resolve(__dirname, '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 3195);
const IDLE_MS = 20_000;
const ROUNDS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of the server process inside a container, read from /proc through the engine's exec (no CLI parsing). */
async function containerRssMb(id: string): Promise<number> {
  const top = await docker.getContainer(id).top({ ps_args: 'o pid,rss,args' });
  const rssCol = top.Titles.indexOf('RSS');
  // the init process (docker-init -- node … dist/server.js) names the server too: take the node process itself
  const rows = (top.Processes as string[][]).filter((p) => p.join(' ').includes('dist/server.js') && !p.join(' ').includes('docker-init'));
  if (rows.length === 0) throw new Error('no dist/server.js process in the container');
  return Math.max(...rows.map((r) => Number(r[rssCol]))) / 1024;
}

async function inContainer(image: string): Promise<number> {
  const name = `${uniqueProject('swbench-img')}`;
  const c = await docker.createContainer({
    name,
    Image: image,
    Labels: { 'slipway.test': '1' },
    Env: [`PORT=${PORT}`, 'HOST=127.0.0.1', 'SLIPWAY_ADMIN_PASSWORD=bench-admin-pass'],
    HostConfig: { NetworkMode: 'host', GroupAdd: [String(fs.statSync('/var/run/docker.sock').gid)], Binds: ['/var/run/docker.sock:/var/run/docker.sock'], Init: true },
  });
  try {
    await c.start();
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error('the container did not answer');
      await sleep(200);
    }
    await sleep(IDLE_MS);
    return await containerRssMb(c.id);
  } finally {
    await c.remove({ force: true, v: true }).catch(() => undefined);
  }
}

async function onHost(): Promise<number> {
  const server = await startServer({ port: PORT });
  try {
    await sleep(IDLE_MS);
    return rssMb(server.child.pid!);
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const image = execFileSync('bash', [path.join(ROOT, 'scripts/build-slipway-image.sh')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 }).trim().split('\n').pop()!;
  const info = await docker.getImage(image).inspect();
  const sizeMb = info.Size / 1e6;
  const hostRss: number[] = [];
  const ctrRss: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // alternate which side goes first, so neither gets the page cache the other warmed
    if (i % 2 === 0) {
      hostRss.push(await onHost());
      ctrRss.push(await inContainer(image));
    } else {
      ctrRss.push(await inContainer(image));
      hostRss.push(await onHost());
    }
    console.log(`round ${i + 1}: npm start ${fmt(hostRss.at(-1)!)} MB, container ${fmt(ctrRss.at(-1)!)} MB`);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const h = median(hostRss);
  const c = median(ctrRss);
  report('image', [
    { bench: 'image', figure: `image size (${image})`, value: `${fmt(sizeMb)} MB`, target: '< 250 MB', pass: sizeMb < 250 },
    {
      bench: 'image',
      figure: `idle RSS after ${IDLE_MS / 1000} s, median of ${ROUNDS} (order alternated)`,
      value: `container ${fmt(c)} MB`,
      reference: `npm start ${fmt(h)} MB`,
      ratio: fmt(c / h, 2),
      target: '≤ 1.10',
      pass: c / h <= 1.1,
    },
  ]);
}

runBench(main);
