// Health against real containers: HTTP probes from labels, Docker healthchecks, the rollup per
// service and stack, pushes over socket.io, restart loops, and the health report's reasons.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ContainerChangedEvent, ContainerHealthReport, HealthChangedEvent, StackSummary } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket } from '../support/sockets';

const base = inject('slipwayUrl');
const project = uniqueProject('swhe');
const INTERVAL_MS = 1000;
const port = () => 20000 + Math.floor(Math.random() * 9999);
const ports = { web: port(), a: port(), b: port() };
let admin: Client;
let socket: Socket;
const healthEvents: HealthChangedEvent[] = [];
const changed: ContainerChangedEvent[] = [];

/** busybox httpd on 127.0.0.1 serving /www/health, probed every second. */
function probed(service: string, p: number, index = 1) {
  return createTestContainer({
    project, service, index,
    cmd: ['sh', '-c', `mkdir -p /www && echo '{"status":"ok"}' > /www/health && exec httpd -f -p 127.0.0.1:${p} -h /www`],
    labels: { 'slipway.probe.health': `http://127.0.0.1:${p}/health`, 'slipway.probe.interval': `${INTERVAL_MS}ms`, 'slipway.probe.timeout': '800ms' },
  });
}

const service = async (name: string) => {
  const stacks = (await admin.get('/api/stacks')).json as StackSummary[];
  const stack = stacks.find((s) => s.name === project);
  return { stack, service: stack?.services.find((s) => s.name === name) };
};

beforeAll(async () => {
  admin = await adminClient(base);
  socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
  socket.on('health:changed', (e: HealthChangedEvent) => healthEvents.push(e));
  socket.on('container:changed', (e: ContainerChangedEvent) => changed.push(e));
  await Promise.all([
    probed('web', ports.web),
    probed('pair', ports.a, 1),
    probed('pair', ports.b, 2),
    createTestContainer({ project, service: 'checked', cmd: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'], healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ok'], intervalMs: 500, retries: 1 } }),
  ]);
});

afterAll(async () => {
  socket?.close();
  await removeProject(project);
});

describe('HTTP probes', () => {
  it('probes label URLs and rolls a passing service up as healthy', async () => {
    await waitFor(async () => (await service('web')).service?.rollup === 'healthy', 'web healthy');
    const d = (await admin.get(`/api/containers/${project}-web-1`)).json;
    expect(d.probeStatus).toBe('ok');
    expect(d.probes[0]).toMatchObject({ name: 'health', ok: true, statusCode: 200, status: 'ok', url: `http://127.0.0.1:${ports.web}/health` });
    expect(typeof d.probes[0].latencyMs).toBe('number');
  });

  it('turns the service unhealthy within two probe intervals of a failing probe, shows why, and recovers', async () => {
    const id = (await admin.get(`/api/containers/${project}-web-1`)).json.id as string;
    await waitFor(async () => (await service('web')).service?.rollup === 'healthy', 'web healthy');
    execFileSync('docker', ['exec', `${project}-web-1`, 'rm', '/www/health']);
    const t0 = Date.now();
    const { stack } = await waitFor(async () => {
      const s = await service('web');
      return s.service?.rollup === 'unhealthy' ? s : undefined;
    }, 'web unhealthy', 10_000, 50);
    expect(Date.now() - t0).toBeLessThanOrEqual(2 * INTERVAL_MS);
    expect(stack!.rollup).toBe('unhealthy');

    const d = (await admin.get(`/api/containers/${project}-web-1`)).json;
    expect(d.probeStatus).toBe('failing');
    expect(d.probes[0]).toMatchObject({ ok: false, statusCode: 404 });
    expect(d.probeHistory.health.some((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(d.probeHistory.health.at(-1).ok).toBe(false);
    // Pushed, not polled: a health:changed and a container:changed carrying the verdict.
    expect(healthEvents.some((e) => e.containerId === id && e.probeStatus === 'failing' && e.probes[0].statusCode === 404)).toBe(true);
    expect(changed.some((e) => e.id === id && e.container?.probeStatus === 'failing')).toBe(true);

    const reports = (await admin.get('/api/health/containers')).json as ContainerHealthReport[];
    const r = reports.find((x) => x.containerId === id)!;
    expect(r.rollup).toBe('unhealthy');
    expect(r.reasons.find((x) => x.kind === 'probe')!.text).toContain('HTTP 404');
    // Not healthy first.
    expect(reports.findIndex((x) => x.containerId === id)).toBeLessThan(reports.findIndex((x) => x.rollup === 'healthy'));

    execFileSync('docker', ['exec', `${project}-web-1`, 'sh', '-c', `echo '{"status":"ok"}' > /www/health`]);
    await waitFor(async () => (await service('web')).service?.rollup === 'healthy', 'web healthy again', 5000, 50);
  });

  it('calls a service degraded when one of two replicas fails', async () => {
    await waitFor(async () => (await service('pair')).service?.rollup === 'healthy', 'pair healthy');
    execFileSync('docker', ['exec', `${project}-pair-2`, 'sh', '-c', `echo '{"status":"down"}' > /www/health`]);
    await waitFor(async () => (await service('pair')).service?.rollup === 'degraded', 'pair degraded', 5000, 50);
    const d = (await admin.get(`/api/containers/${project}-pair-2`)).json;
    expect(d.probes[0]).toMatchObject({ ok: false, statusCode: 200, status: 'down' });
  });
});

describe('Docker healthchecks', () => {
  it('shows a failing healthcheck with exit code, output and streak, and turns the service unhealthy', async () => {
    await waitFor(async () => (await service('checked')).service?.rollup === 'healthy', 'checked healthy');
    execFileSync('docker', ['exec', `${project}-checked-1`, 'rm', '/tmp/ok']);
    const t0 = Date.now();
    await waitFor(async () => (await service('checked')).service?.rollup === 'unhealthy', 'checked unhealthy', 10_000, 50);
    expect(Date.now() - t0).toBeLessThanOrEqual(2 * 1000);
    const d = (await admin.get(`/api/containers/${project}-checked-1`)).json;
    expect(d.health).toBe('unhealthy');
    expect(d.failingStreak).toBeGreaterThanOrEqual(1);
    expect(d.health_log.at(-1).exitCode).toBe(1);
    const r = ((await admin.get('/api/health/containers')).json as ContainerHealthReport[]).find((x) => x.name === `${project}-checked-1`)!;
    expect(r.reasons.find((x) => x.kind === 'healthcheck')!.text).toMatch(/healthcheck failing .*exit 1/);
  });
});

describe('restart loops', () => {
  it('reports a container whose restart count keeps rising', async () => {
    const c = await createTestContainer({ project, service: 'crashy', cmd: ['sh', '-c', 'echo starting; sleep 0.2; exit 1'], restart: 'always' });
    const r = await waitFor(async () => {
      const all = (await admin.get('/api/health/containers')).json as ContainerHealthReport[];
      return all.find((x) => x.containerId === c.id && x.reasons.some((y) => y.kind === 'restart-loop' || y.kind === 'restarting'));
    }, 'restart loop reported', 20_000, 200);
    expect(r.rollup).toBe('unhealthy');
    expect(r.restartCount).toBeGreaterThanOrEqual(1);
    execFileSync('docker', ['update', '--restart', 'no', c.name]);
  });
});
