// Slipway's own image, started from the shipped docker-compose.yml exactly as the README says (the file under
// test is the file users get), running the core flows from inside its container (issue 22): the probe rollup
// turns unhealthy and back, a verified slot switch under load with 0 failed requests, a deploy to the idle
// slot, a PostgreSQL backup verified and downloaded, a shell, and a compose operation on a stack in the
// mounted stacks folder.
import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, waitFor } from '../support/http';
import { docker, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';
import { tapShell } from '../support/shell';
import { createSlotStack, servedSlot, type SlotStack } from '../support/slot-stack';
import { startProxyLoad } from '../support/proxy-load';
import { removeAll, startPostgres, uid } from './backups-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const PORT = Number(process.env.SLIPWAY_IMAGE_TEST_PORT ?? 3163);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = `image-test-${crypto.randomBytes(6).toString('hex')}`;
const project = uniqueProject('swimg');
const stacksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swimg-stacks-'));
const projectsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swimg-srv-'));
const pg = `swimg-pg-${uid()}`;
const tag = crypto.randomBytes(3).toString('hex');
const V2_IMAGE = `slipway-test/slot-app:img-v2-${tag}`;
let image = '';
let containerId = '';
let buildSeconds = 0;
let admin: Client;
let stack: SlotStack;

/** The compose CLI as the README has it: `docker compose` where it exists, else `docker-compose`. */
function composeArgv(): string[] {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return ['docker', 'compose'];
  } catch {
    return ['docker-compose'];
  }
}

/** Runs the shipped docker-compose.yml with the README's variables (no --build: the image is local). */
function composeShipped(args: string[]) {
  const [cmd, ...pre] = composeArgv();
  return promisify(execFile)(cmd, [...pre, '-p', project, '-f', path.join(ROOT, 'docker-compose.yml'), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      SLIPWAY_IMAGE: image,
      DOCKER_GID: String(fs.statSync('/var/run/docker.sock').gid),
      SLIPWAY_ADMIN_PASSWORD: PASSWORD,
      SLIPWAY_PORT: String(PORT),
      SLIPWAY_STACKS_DIR: stacksDir,
      SLIPWAY_PROJECTS_DIR: projectsDir,
    },
    maxBuffer: 16 << 20,
  });
}

beforeAll(async () => {
  // the README: the stacks folder belongs to the image's user (uid 10001), which creates stacks in it
  fs.chownSync(stacksDir, 10001, 10001);
  const t0 = Date.now();
  // cold: local Node bases (mmdebstrap) + npm install + better-sqlite3 compile + next build; cached: seconds
  const { stdout } = await promisify(execFile)('bash', [path.join(ROOT, 'scripts/build-slipway-image.sh')], { cwd: ROOT, maxBuffer: 16 << 20, timeout: 1_800_000 });
  buildSeconds = (Date.now() - t0) / 1000;
  image = stdout.trim().split('\n').pop()!;
  execFileSync('docker', ['build', '-q', '--network', 'host', '-t', V2_IMAGE, '-'], { input: 'FROM slipway/nginx:1\nENV APP_VERSION=2.0.0\n', stdio: ['pipe', 'ignore', 'inherit'] });
  const [slots] = await Promise.all([createSlotStack(), startPostgres(pg, {})]);
  stack = slots;
  await composeShipped(['up', '-d']);
  containerId = (await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } }))[0]?.Id ?? '';
  await waitFor(async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok, '/api/health from the container', 60_000, 250);
  admin = await new Client(base).login('admin', PASSWORD);
}, 1_900_000);

afterAll(async () => {
  await composeShipped(['down', '-v']).catch(() => undefined);
  await stack?.remove();
  await removeAll([pg], []);
  await docker.getImage(V2_IMAGE).remove({ force: true }).catch(() => undefined);
  for (const d of [stacksDir, projectsDir]) fs.rmSync(d, { recursive: true, force: true });
});

describe('the Slipway image, from the shipped docker-compose.yml', () => {
  it('builds, and is started by the shipped compose file', () => {
    console.log(`[image] build-slipway-image.sh took ${buildSeconds.toFixed(1)}s`);
    expect(image).toMatch(/^[\w./-]+:[\w.-]+$/);
    expect(containerId).not.toBe('');
  });

  it('becomes healthy by its HEALTHCHECK, non-root, host network, data in a volume', async () => {
    const info = await waitFor(async () => {
      const i = await docker.getContainer(containerId).inspect();
      return i.State.Health?.Status === 'healthy' ? i : undefined;
    }, 'Docker health status healthy', 60_000, 500);
    expect(info.Config.User).toBe('slipway');
    expect(info.HostConfig.NetworkMode).toBe('host');
    expect(info.Mounts.some((m) => m.Destination === '/data' && m.Type === 'volume')).toBe(true);
    // stacks and projects folders at the same path as on the host
    expect(info.Mounts.some((m) => m.Source === stacksDir && m.Destination === stacksDir)).toBe(true);
    expect(execFileSync('docker', ['exec', containerId, 'id', '-u'], { encoding: 'utf8' }).trim()).not.toBe('0');
    const health = (await (await fetch(`${base}/api/health`)).json()) as { status: string; docker: { reachable: boolean } };
    expect(health).toMatchObject({ status: 'ok', docker: { reachable: true } });
  });

  it('rolls a probed service up as unhealthy, and back, from inside the container', async () => {
    const rollup = async () => {
      const stacks = (await admin.get('/api/stacks')).json as Array<{ name: string; services: Array<{ name: string; rollup?: string }> }>;
      return stacks.find((s) => s.name === stack.project)?.services.find((s) => s.name === 'app-green')?.rollup;
    };
    await waitFor(async () => (await rollup()) === 'healthy', 'app-green healthy', 30_000, 250);
    execFileSync('docker', ['exec', stack.names.green, 'touch', '/tmp/unhealthy']);
    await waitFor(async () => (await rollup()) === 'unhealthy', 'app-green unhealthy', 30_000, 250);
    execFileSync('docker', ['exec', stack.names.green, 'rm', '-f', '/tmp/unhealthy']);
    await waitFor(async () => (await rollup()) === 'healthy', 'app-green healthy again', 30_000, 250);
  });

  it('switches blue→green, verified through the proxy, with 0 failed requests under load', async () => {
    await waitFor(async () => (await servedSlot(stack)) === 'blue', 'blue serving');
    // keep-alive load; a GET on a kept-alive connection the reload closed is retried once on a new one, as browsers do
    const load = startProxyLoad(stack.proxyUrl, { conns: 2, header: 'x-slot' });
    await waitFor(async () => load.count.ok > 20, 'load running');
    const r = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
    const { ok, failed, retried, errors } = await load.stop();
    console.log(`[image] switch under load: ${ok} ok, ${failed} failed, ${retried} retried on a fresh connection`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ group: stack.group, from: 'blue', to: 'green' });
    expect(failed, errors.slice(0, 5).join('; ')).toBe(0);
    expect(ok).toBeGreaterThan(0);
    expect(await servedSlot(stack)).toBe('green');
  });

  it('deploys a new image to the idle slot and waits for its health', async () => {
    const r = await admin.post(`/api/slots/${stack.group}/deploy`, { image: V2_IMAGE });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const blue = await docker.getContainer(stack.names.blue).inspect().catch(async () => {
      // a recreated slot may carry a new name: find it by its labels
      const [c] = await docker.listContainers({ filters: { label: [`slipway.slot.group=${stack.group}`, 'slipway.slot=blue'] } });
      return docker.getContainer(c.Id).inspect();
    });
    expect(blue.Config.Image).toBe(V2_IMAGE);
    expect(blue.State.Health?.Status).toBe('healthy');
    expect(await servedSlot(stack)).toBe('green'); // traffic untouched
  });

  it('backs up PostgreSQL, verified, and the download matches its sha256', async () => {
    const r = await admin.post('/api/backups', { target: pg });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const b = await waitFor(async () => {
      const x = (await admin.get(`/api/backups/${r.json.id}`)).json as { status: string; sha256: string; error?: string };
      // verification (a scratch restore) follows the dump: wait for its verdict
      return x.status === 'running' || x.status === 'succeeded' ? undefined : x;
    }, 'the backup to be verified or failed', 180_000, 250);
    expect(b, b.error ?? '').toMatchObject({ kind: 'postgres', status: 'verified' });
    const res = await fetch(`${base}/api/backups/${r.json.id}/download`, { headers: { cookie: admin.cookie! } });
    expect(res.status).toBe(200);
    const sha = crypto.createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
    expect(sha).toBe(b.sha256);
  });

  it('opens a shell in a container', async () => {
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    try {
      const tap = tapShell(socket);
      const ack = await emitAck<{ sessionId: string }>(socket, 'shell:open', { containerId: pg, cmd: 'sh', cols: 80, rows: 24 });
      expect(ack.sessionId).toBeTruthy();
      socket.emit('shell:input', { sessionId: ack.sessionId, data: 'echo image-shell-$((6*7))\n' });
      await tap.waitOutput(ack.sessionId, /image-shell-42/);
    } finally {
      socket.close();
    }
  });

  it('runs a compose operation on a stack in the mounted stacks folder (compose CLI in the image)', async () => {
    const name = `swimgstack-${tag}`;
    const compose = `services:\n  web:\n    image: slipway/busybox:1\n    command: ["sleep", "3600"]\n    network_mode: host\n    labels:\n      slipway.test: "1"\n`;
    const created = await admin.post('/api/stacks', { name, compose });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.dir).toBe(path.join(stacksDir, name));
    try {
      const op = await admin.post(`/api/stacks/${name}/operations`, { action: 'deploy' });
      expect(op.status, JSON.stringify(op.json)).toBe(202);
      const done = await waitFor(async () => {
        const o = (await admin.get(`/api/operations/${op.json.id}`)).json as { status: string; exitCode: number | null; output: string };
        return o.status === 'running' ? undefined : o;
      }, 'the deploy operation to end', 120_000, 250);
      expect(done, done.output).toMatchObject({ status: 'succeeded', exitCode: 0 });
      const running = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
      expect(running.map((c) => c.Labels['com.docker.compose.service'])).toEqual(['web']);
    } finally {
      const [cmd, ...pre] = composeArgv();
      execFileSync(cmd, [...pre, '-p', name, 'down', '-v'], { cwd: path.join(stacksDir, name), stdio: 'ignore' });
    }
  });
});
