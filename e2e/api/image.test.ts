// Slipway's own image: builds through scripts/build-slipway-image.sh (Docker's layer cache makes a
// repeat run fast), runs as a non-root user with the Docker socket reached through its group id,
// becomes healthy by its own HEALTHCHECK, and lists the containers of the engine it runs on.
import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, waitFor } from '../support/http';
import { createTestContainer, docker, removeContainer, removeProject, uniqueProject } from '../support/containers';

const ROOT = path.resolve(__dirname, '..', '..');
const PORT = Number(process.env.SLIPWAY_IMAGE_TEST_PORT ?? 3163);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = `image-test-${crypto.randomBytes(6).toString('hex')}`;
const project = uniqueProject('swimg');
let tag = '';
let containerId = '';
let buildSeconds = 0;

beforeAll(async () => {
  const t0 = Date.now();
  // cold: local Node bases (mmdebstrap) + npm install + better-sqlite3 compile + next build; cached: seconds
  const { stdout } = await promisify(execFile)('bash', [path.join(ROOT, 'scripts/build-slipway-image.sh')], { cwd: ROOT, maxBuffer: 16 << 20, timeout: 1_800_000 });
  buildSeconds = (Date.now() - t0) / 1000;
  tag = stdout.trim().split('\n').pop()!;
  await createTestContainer({ project, service: 'listed', cmd: ['sleep', '3600'] });
  const dockerGid = fs.statSync('/var/run/docker.sock').gid; // the socket's group on this host
  const c = await docker.createContainer({
    name: `${project}-slipway`,
    Image: tag,
    Labels: { 'slipway.test': '1' },
    // host networking on this machine: bind loopback on the test's own port (the image default is 0.0.0.0:3000)
    Env: [`PORT=${PORT}`, 'HOST=127.0.0.1', `SLIPWAY_ADMIN_PASSWORD=${PASSWORD}`],
    HostConfig: {
      NetworkMode: 'host',
      GroupAdd: [String(dockerGid)],
      Binds: ['/var/run/docker.sock:/var/run/docker.sock'],
      Init: true,
    },
  });
  containerId = c.id;
  await c.start();
}, 1_900_000);

afterAll(async () => {
  if (containerId) await docker.getContainer(containerId).remove({ force: true, v: true }).catch(() => undefined);
  await removeProject(project);
  if (containerId) await removeContainer(containerId);
});

describe('the Slipway image', () => {
  it('builds from cache quickly once built', () => {
    console.log(`[image] build-slipway-image.sh took ${buildSeconds.toFixed(1)}s`);
    expect(tag).toMatch(/^[\w./-]+:[\w.-]+$/);
  });

  it('answers /api/health and becomes healthy by its HEALTHCHECK', async () => {
    const health = await waitFor(async () => {
      const r = await fetch(`${base}/api/health`);
      return r.ok ? ((await r.json()) as { status: string; docker: { reachable: boolean } }) : undefined;
    }, '/api/health from the container', 60_000, 250);
    expect(health.docker.reachable).toBe(true);
    expect(health.status).toBe('ok');
    const state = await waitFor(async () => {
      const s = (await docker.getContainer(containerId).inspect()).State;
      return s.Health?.Status === 'healthy' ? s : undefined;
    }, 'Docker health status healthy', 60_000, 500);
    expect(state.Running).toBe(true);
  });

  it('runs as a non-root user with its data in a volume at /data', async () => {
    const info = await docker.getContainer(containerId).inspect();
    expect(info.Config.User).toBe('slipway');
    expect(info.Mounts.some((m) => m.Destination === '/data' && m.Type === 'volume')).toBe(true);
    const uid = execFileSync('docker', ['exec', containerId, 'id', '-u'], { encoding: 'utf8' }).trim();
    expect(uid).not.toBe('0');
    expect(execFileSync('docker', ['exec', containerId, 'ls', '/data'], { encoding: 'utf8' })).toContain('slipway.db');
  });

  it('logs in and lists a container of the engine it runs on', async () => {
    const admin = await new Client(base).login('admin', PASSWORD);
    const names = await waitFor(async () => {
      const r = await admin.get('/api/containers');
      const list = r.json as Array<{ name: string; project: string | null }>;
      return list.some((c) => c.name === `${project}-listed-1`) ? list : undefined;
    }, 'the test container in /api/containers', 15_000);
    expect(names.find((c) => c.name === `${project}-listed-1`)!.project).toBe(project);
  });
});
