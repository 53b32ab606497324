// The services overview against real containers: states, health, grouping, actions, live events.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { ContainerSummary, StackSummary } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket } from '../support/sockets';

const base = inject('slipwayUrl');
const project = uniqueProject();
let admin: Client;

const stack = async (): Promise<StackSummary | undefined> => ((await admin.get('/api/stacks')).json as StackSummary[]).find((s) => s.name === project);
const container = async (name: string): Promise<ContainerSummary | undefined> =>
  ((await admin.get('/api/containers')).json as ContainerSummary[]).find((c) => c.name === name);

beforeAll(async () => {
  admin = await adminClient(base);
  await Promise.all([
    createTestContainer({ project, service: 'web', cmd: ['sleep', '3600'], index: 1, restart: 'unless-stopped' }),
    createTestContainer({ project, service: 'web', cmd: ['sleep', '3600'], index: 2, restart: 'unless-stopped' }),
    createTestContainer({ project, service: 'migrate', cmd: ['sh', '-c', 'echo migrated; exit 0'] }),
    createTestContainer({ project, service: 'broken-job', cmd: ['sh', '-c', 'echo boom >&2; exit 3'] }),
    createTestContainer({ project, service: 'sick', cmd: ['sleep', '3600'], healthcheck: { test: ['CMD', 'false'], intervalMs: 300, retries: 1 } }),
    createTestContainer({ project, service: 'fine', cmd: ['sleep', '3600'], healthcheck: { test: ['CMD', 'true'], intervalMs: 300, retries: 1 } }),
  ]);
});

afterAll(async () => {
  await removeProject(project);
});

describe('overview', () => {
  it('groups a compose project into services with their replicas', async () => {
    const s = await waitFor(async () => {
      const st = await stack();
      const web = st?.services.find((x) => x.name === 'web');
      const ready = st?.services.length === 5 && web?.containers.length === 2 && web.containers.every((c) => c.state === 'running');
      return ready ? st : undefined;
    }, 'stack with five services, both web replicas running');
    const web = s.services.find((x) => x.name === 'web')!;
    expect(web.containers.map((c) => c.name)).toEqual([`${project}-web-1`, `${project}-web-2`]);
    expect(web.state).toBe('running');
    expect(web.containers[0]).toMatchObject({ project, service: 'web', state: 'running', health: 'none', restartCount: 0 });
    expect(typeof web.containers[0].startedAt).toBe('string');
  });

  it('shows a one-shot job that exited 0 as completed, and one that failed as failed', async () => {
    const s = await waitFor(async () => {
      const st = await stack();
      const m = st?.services.find((x) => x.name === 'migrate');
      const b = st?.services.find((x) => x.name === 'broken-job');
      return m?.state === 'completed' && b?.state === 'failed' ? st : undefined;
    }, 'completed and failed jobs');
    const migrate = s.services.find((x) => x.name === 'migrate')!;
    expect(migrate.containers[0].completed).toBe(true);
    expect(migrate.containers[0].exitCode).toBe(0);
    const broken = s.services.find((x) => x.name === 'broken-job')!;
    expect(broken.containers[0].completed).toBe(false);
    expect(broken.containers[0].exitCode).toBe(3);
    expect(s.state).toBe('failed');
  });

  it('shows an unhealthy container as unhealthy and rolls it up to its service and stack', async () => {
    const s = await waitFor(async () => {
      const st = await stack();
      const sick = st?.services.find((x) => x.name === 'sick');
      const fine = st?.services.find((x) => x.name === 'fine');
      return sick?.health === 'unhealthy' && fine?.health === 'healthy' ? st : undefined;
    }, 'unhealthy and healthy services');
    expect(s.health).toBe('unhealthy');
    const detail = await admin.get(`/api/containers/${project}-sick-1`);
    expect(detail.status).toBe(200);
    expect(detail.json.health).toBe('unhealthy');
    expect(detail.json.health_log.length).toBeGreaterThan(0);
    expect(detail.json.health_log[0].exitCode).toBe(1);
  });

  it('stops, starts and restarts through the API and audits each action', async () => {
    const name = `${project}-web-2`;
    const stop = await admin.post(`/api/containers/${name}/stop`);
    expect(stop.status).toBe(200);
    expect(stop.json.state).toBe('exited');
    expect((await stack())!.services.find((x) => x.name === 'web')!.state).toBe('partial');
    const start = await admin.post(`/api/containers/${name}/start`);
    expect(start.json.state).toBe('running');
    const restart = await admin.post(`/api/containers/${name}/restart`);
    expect(restart.json.state).toBe('running');
    const audit = (await admin.get('/api/audit?limit=20')).json as { action: string; target: string; result: string }[];
    for (const a of ['container.stop', 'container.start', 'container.restart'])
      expect(audit.some((e) => e.action === a && e.target === name && e.result === 'ok')).toBe(true);
  });

  it('hides environment variables from viewers', async () => {
    const viewer = await clientWithRole(base, 'viewer');
    const d = await viewer.get(`/api/containers/${project}-web-1`);
    expect(d.status).toBe(200);
    expect(d.json.env).toBeNull();
    expect((await admin.get(`/api/containers/${project}-web-1`)).json.env).toEqual(expect.any(Array));
  });
});

describe('bad input', () => {
  it('answers 400 or 404, never 500', async () => {
    const cases: [string, string, number][] = [
      ['GET', '/api/containers/does-not-exist', 404],
      ['GET', '/api/containers/..%2F..%2Fetc%2Fpasswd', 400],
      ['GET', `/api/containers/${'a'.repeat(300)}`, 400],
      ['GET', '/api/containers/%00', 400],
      ['POST', '/api/containers/does-not-exist/stop', 404],
      ['POST', `/api/containers/${project}-web-1/explode`, 400],
      ['POST', '/api/containers/;rm -rf/stop', 400],
      ['GET', '/api/audit?limit=-4', 400],
      ['GET', '/api/audit?limit=abc', 400],
      ['POST', '/api/users', 400],
      ['PATCH', '/api/users/admin', 400],
      ['DELETE', '/api/users/nobody-here', 404],
      ['DELETE', '/api/tokens/notanumber', 400],
      ['DELETE', '/api/tokens/999999', 404],
    ];
    for (const [method, path, expected] of cases) {
      const r = await admin.req(method, path, method === 'POST' || method === 'PATCH' ? {} : undefined);
      expect(r.status, `${method} ${path}`).toBe(expected);
      expect(r.json.error, `${method} ${path}`).toBeTruthy();
    }
    expect((await admin.req('POST', '/api/users', '[[[')).status).toBe(400);
    expect((await admin.req('POST', '/api/users', { username: '../../x', password: 'password-123', role: 'admin' })).status).toBe(400);
    expect((await admin.req('POST', '/api/users', { username: 'okname', password: 'password-123', role: 'root' })).status).toBe(400);
  });
});

describe('live events', () => {
  it('pushes container:changed when a container is stopped and started with the docker CLI', async () => {
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const name = `${project}-web-1`;
    const seen: { state: string; id: string; env?: string }[] = [];
    socket.on('container:changed', (ev) => seen.push(ev));
    try {
      const t0 = Date.now();
      execFileSync('docker', ['stop', name]);
      const exited = await waitFor(async () => seen.find((e) => e.state === 'exited'), 'exited event', 5000, 20);
      expect(exited.env).toBe('local'); // the one environment's name when SLIPWAY_ENVIRONMENTS is unset (README)
      expect(Date.now() - t0).toBeLessThan(3000);
      expect((await container(name))!.state).toBe('exited');
      execFileSync('docker', ['start', name]);
      await waitFor(async () => seen.find((e) => e.state === 'running'), 'running event', 5000, 20);
    } finally {
      socket.close();
    }
  });

  it('shows a container removed by the CLI as gone', async () => {
    const extra = await createTestContainer({ project, service: 'ephemeral', cmd: ['sleep', '3600'] });
    await waitFor(() => container(extra.name), 'ephemeral container listed');
    execFileSync('docker', ['rm', '-f', extra.name]);
    await waitFor(async () => !(await container(extra.name)), 'ephemeral container gone');
  });
});
