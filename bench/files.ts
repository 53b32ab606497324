// `npm run bench -- files`: downloading a 500 MB file and a folder of 10,000 small files through Slipway
// (GET …/files/download with curl into /dev/null) beside `docker cp CONTAINER:PATH - > /dev/null` of the same in
// the same run, best of three each (order alternating), with the server's resident memory growth while downloading.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { adminClient, waitFor } from '../e2e/support/http';
import { startServer } from '../e2e/support/slipway-server';
import { BUSYBOX, docker } from '../e2e/support/containers';
import { fmt, report, rssMb, runBench, type BenchRow } from './_lib';

const MB = 1024 * 1024;
const BIG_MB = Number(process.env.BENCH_FILES_MB ?? 500);
const SMALL = Number(process.env.BENCH_FILES_COUNT ?? 10_000);
const RUNS = 3;
const name = `swb-files-${crypto.randomBytes(3).toString('hex')}`;

function dockerCp(path: string): Promise<{ s: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let bytes = 0;
    const p = spawn('docker', ['cp', `${name}:${path}`, '-'], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (c: Buffer) => (bytes += c.length));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ s: (performance.now() - t0) / 1000, bytes }) : reject(new Error(`docker cp exited ${code}`))));
  });
}

/** The download with curl into /dev/null (a native client, as the docker CLI is for `docker cp`). */
function curlDownload(url: string, cookie: string): Promise<{ s: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let out = '';
    const p = spawn('curl', ['-sS', '--fail', '-o', '/dev/null', '-w', '%{size_download}', '-H', `cookie: ${cookie}`, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (c: Buffer) => (out += c));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ s: (performance.now() - t0) / 1000, bytes: Number(out) }) : reject(new Error(`curl exited ${code}`))));
  });
}

async function throughSlipway(url: string, cookie: string, pid: number, path: string) {
  const baseline = rssMb(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  try {
    const r = await curlDownload(`${url}/api/containers/${name}/files/download?path=${encodeURIComponent(path)}`, cookie);
    return { ...r, growth: peak - baseline };
  } finally {
    clearInterval(sampler);
  }
}

async function main() {
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3211) });
  const rows: BenchRow[] = [];
  try {
    const admin = await adminClient(server.url);
    const c = await docker.createContainer({
      name,
      Image: BUSYBOX,
      Cmd: ['sh', '-c', `head -c ${BIG_MB * MB} /dev/urandom > /big && mkdir /many && i=0; while [ $i -lt ${SMALL} ]; do echo "file $i of the small set" > /many/f$i; i=$((i+1)); done; touch /ready; sleep 36000`],
      Labels: { 'slipway.test': '1' },
      HostConfig: { NetworkMode: 'none' },
    });
    await c.start();
    await waitFor(async () => c.getArchive({ path: '/ready' }).then(() => true, () => false), 'test data written', 600_000, 500);
    await waitFor(async () => (await admin.get(`/api/containers/${name}`)).status === 200, 'container known');
    for (const [label, path] of [[`${BIG_MB} MB file`, '/big'], [`${SMALL} small files (tar)`, '/many']] as const) {
      const ref: number[] = [];
      const own: number[] = [];
      let growth = 0;
      let bytes = 0;
      // the order alternates every round, so neither side always reads a cache the other just warmed
      for (let i = 0; i < RUNS; i++) {
        const viaSlipway = async () => {
          const s = await throughSlipway(server.url, admin.cookie!, server.child.pid!, path);
          own.push(s.s);
          growth = Math.max(growth, s.growth);
          bytes = s.bytes;
        };
        const viaCp = async () => void ref.push((await dockerCp(path)).s);
        for (const probe of i % 2 === 0 ? [viaCp, viaSlipway] : [viaSlipway, viaCp]) await probe();
      }
      const best = Math.min(...own);
      const bestRef = Math.min(...ref);
      const ratio = bestRef / best; // throughput ratio: same bytes, so time ratio inverted
      rows.push({ bench: 'files', figure: `${label}: throughput (best of ${RUNS})`, value: `${fmt(bytes / MB / best)} MB/s`, reference: `docker cp ${fmt(bytes / MB / bestRef)} MB/s`, ratio: fmt(ratio, 2), target: '≥ 0.8 of docker cp', pass: ratio >= 0.8 });
      rows.push({ bench: 'files', figure: `${label}: server RSS growth`, value: `${fmt(growth)} MB`, target: '< 64 MB', pass: growth < 64 });
    }
  } finally {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await server.stop();
  }
  report('files', rows);
}

runBench(main);
