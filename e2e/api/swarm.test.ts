// Docker Swarm on a real single-node swarm: a second engine started here (the shared one runs with
// --live-restore, which swarm mode refuses), `docker swarm init` on 127.0.0.1, host-network services,
// and a Slipway server of its own pointed at that engine (port SLIPWAY_SWARM_PORT, default 3143).
// The shared server (global setup) is the environment that is not a swarm manager. The engine leaves
// the swarm and goes away at the end.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SWARM_EVENTS, type SwarmLogsLinesEvent, type SwarmProgressEvent, type SwarmServiceDetail, type SwarmServicesResponse, type SwarmStatus } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import type { SecondEngine } from '../support/second-engine';
import { BAD, createService, OK, REPO, STACK_FILE, startSwarm, V2 } from '../support/swarm-fixture';
import { startServer, type RunningServer } from '../support/slipway-server';
import { connectSocket, emitAck } from '../support/sockets';

const port = Number(process.env.SLIPWAY_SWARM_PORT ?? 3143);
const sharedBase = inject('slipwayUrl');
let engine: SecondEngine;
let server: RunningServer;
let admin: Client;
let socket: Socket;
let webId: string;

beforeAll(async () => {
  engine = await startSwarm();
  webId = await createService(engine.docker, 'web', 1);
  const stackFile = path.join(engine.dir, 'stack.yml');
  fs.writeFileSync(stackFile, STACK_FILE);
  // the real `docker stack deploy` (the server itself only speaks the Engine API)
  execFileSync('docker', ['-H', engine.url, 'stack', 'deploy', '--resolve-image', 'never', '-c', stackFile, 'shop'], { stdio: 'pipe' });
  server = await startServer({ port, env: { DOCKER_HOST: engine.url } });
  admin = await adminClient(server.url);
  socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url });
}, 120_000);

afterAll(async () => {
  socket?.close();
  if (server && server.child.exitCode !== null) console.error(`swarm-test server exited early:\n${server.logs()}`);
  await server?.stop();
  if (engine) {
    await engine.dispose();
    expect(fs.existsSync(engine.dir)).toBe(false);
  }
});

const detail = async (ref: string) => (await admin.get(`/api/swarm/services/${ref}`)).json as SwarmServiceDetail;
const runningTasks = (s: SwarmServiceDetail) => s.tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');

/** Watches a service and collects its pushed progress events. */
async function watch(serviceId: string) {
  const events: SwarmProgressEvent[] = [];
  const on = (ev: SwarmProgressEvent) => {
    if (ev.serviceId === serviceId) events.push(ev);
  };
  socket.on(SWARM_EVENTS.progress, on);
  const ack = await emitAck<{ ok: boolean; serviceId: string }>(socket, SWARM_EVENTS.watch, { serviceId });
  expect(ack).toMatchObject({ ok: true, serviceId });
  return {
    events,
    done: (runId: string, timeoutMs = 45_000) => waitFor(async () => events.find((e) => e.runId === runId && e.phase === 'done'), `run ${runId} done`, timeoutMs),
    stop: () => socket.off(SWARM_EVENTS.progress, on),
  };
}

describe('swarm', () => {
  it('reports the environment as a manager with its node', async () => {
    const r = await admin.get('/api/swarm');
    expect(r.status).toBe(200);
    const s = r.json as SwarmStatus;
    expect(s).toMatchObject({ swarm: true, isManager: true, nodeState: 'active', message: null });
    expect(s.nodes).toHaveLength(1);
    expect(s.nodes[0]).toMatchObject({ role: 'manager', availability: 'active', state: 'ready', leader: true, self: true });
  });

  it('lists services with replicas and image, and groups `docker stack deploy` services by namespace', async () => {
    const list = await waitFor(async () => {
      const l = (await admin.get('/api/swarm/services')).json as SwarmServicesResponse;
      return l.services.length === 3 && l.services.every((s) => s.running === s.desired) ? l : undefined;
    }, 'three services running', 30_000);
    expect(list.standalone.map((s) => s.name)).toEqual(['web']);
    expect(list.stacks).toHaveLength(1);
    expect(list.stacks[0].name).toBe('shop');
    expect(list.stacks[0].services.map((s) => [s.name, s.mode])).toEqual([['shop_agent', 'global'], ['shop_api', 'replicated']]);
    const web = list.standalone[0];
    expect(web).toMatchObject({ id: webId, mode: 'replicated', replicas: 1, running: 1, desired: 1, image: OK, stack: null });

    const d = await detail(webId);
    const [task] = runningTasks(d);
    expect(task).toMatchObject({ slot: 1, state: 'running', desiredState: 'running', error: null, image: OK });
    expect(task.nodeHostname).toBeTruthy();
    expect(task.containerId).toMatch(/^[0-9a-f]{64}$/);
    // the same service by name
    expect((await detail('web')).id).toBe(webId);
  });

  it('scales 1 → 3 and shows three running tasks', async () => {
    const w = await watch(webId);
    const r = await admin.post(`/api/swarm/services/${webId}/scale`, { replicas: 3 });
    expect(r.status).toBe(200);
    const done = await w.done(r.json.runId, 30_000);
    w.stop();
    expect(done).toMatchObject({ op: 'scale', ok: true });
    const d = await detail(webId);
    expect(d).toMatchObject({ replicas: 3, running: 3, desired: 3 });
    expect(runningTasks(d).map((t) => t.slot).sort()).toEqual([1, 2, 3]);
  });

  it('rolls out a new image start-first, pushing progress, with never fewer than three tasks running', async () => {
    const w = await watch(webId);
    const r = await admin.post(`/api/swarm/services/${webId}/update`, { image: V2, parallelism: 1, monitorSeconds: 1 });
    expect(r.status).toBe(200);
    const done = await w.done(r.json.runId);
    w.stop();
    expect(done).toMatchObject({ op: 'update', ok: true });
    expect(done.message).toMatch(/completed/);
    const run = w.events.filter((e) => e.runId === r.json.runId);
    expect(run.filter((e) => e.phase === 'running').length).toBeGreaterThanOrEqual(2);
    expect(run.some((e) => e.service?.updateStatus?.state === 'updating')).toBe(true);
    // zero downtime: old tasks stop only once their replacement runs
    for (const e of run) expect(e.service!.tasks.filter((t) => t.state === 'running').length).toBeGreaterThanOrEqual(3);

    const d = await detail(webId);
    expect(d.image).toBe(V2);
    expect(d.updateConfig).toMatchObject({ order: 'start-first', parallelism: 1, failureAction: 'rollback', monitorSeconds: 1 });
    expect(runningTasks(d).map((t) => t.image)).toEqual([V2, V2, V2]);
    expect(d.previousImage).toBe(OK);
  });

  it('rolls back to the previous image on request', async () => {
    const w = await watch(webId);
    const r = await admin.post(`/api/swarm/services/${webId}/rollback`);
    expect(r.status).toBe(200);
    const done = await w.done(r.json.runId);
    w.stop();
    expect(done).toMatchObject({ op: 'rollback', ok: true });
    const d = await detail(webId);
    expect(d.image).toBe(OK);
    expect(runningTasks(d)).toHaveLength(3);
  });

  it('rolls a failing update back by itself', async () => {
    const w = await watch(webId);
    const r = await admin.post(`/api/swarm/services/${webId}/update`, { image: BAD, parallelism: 1, monitorSeconds: 2, failureAction: 'rollback' });
    expect(r.status).toBe(200);
    const done = await w.done(r.json.runId, 60_000);
    w.stop();
    expect(done).toMatchObject({ op: 'update', ok: false });
    expect(done.message).toMatch(/rollback completed · update rolled back due to failure/);
    const d = await waitFor(async () => {
      const x = await detail(webId);
      // listings answer from a model at most 2 s old: wait for the engine's final status to reach it too
      return x.running === 3 && runningTasks(x).every((t) => t.image === OK) && x.updateStatus?.state === 'rollback_completed' ? x : undefined;
    }, 'three tasks back on the old image, rollback completed');
    expect(d.image).toBe(OK);
    expect(d.updateStatus?.state).toBe('rollback_completed');
    const failed = d.tasks.find((t) => t.image === BAD && t.state === 'failed');
    expect(failed?.error).toMatch(/non-zero exit \(1\)/);

    const audit = (await admin.get('/api/audit?limit=50')).json as { action: string; target: string; result: string }[];
    expect(audit.find((a) => a.action === 'swarm.update.result' && a.result === 'failed')).toBeTruthy();
    expect(audit.filter((a) => a.action === 'swarm.update' && a.target === 'web' && a.result === 'ok')).toHaveLength(2);
    expect(audit.find((a) => a.action === 'swarm.scale' && a.target === 'web')).toBeTruthy();
    expect(audit.find((a) => a.action === 'swarm.rollback' && a.target === 'web')).toBeTruthy();
  });

  it('streams a service\'s logs tagged with their task', async () => {
    const lines: SwarmLogsLinesEvent['lines'] = [];
    const on = (ev: SwarmLogsLinesEvent) => lines.push(...ev.lines);
    socket.on(SWARM_EVENTS.logsLines, on);
    const ack = await emitAck<{ ok: boolean; subscriptionId: string; serviceName: string }>(socket, SWARM_EVENTS.logsSubscribe, { serviceId: 'shop_api', tail: 5 });
    expect(ack).toMatchObject({ ok: true, serviceName: 'shop_api' });
    await waitFor(async () => lines.length >= 7, 'service log lines (tail, then followed)');
    await emitAck(socket, SWARM_EVENTS.logsUnsubscribe, { subscriptionId: ack.subscriptionId });
    socket.off(SWARM_EVENTS.logsLines, on);
    expect(lines[0]).toMatchObject({ stream: 'stdout', task: 'shop_api.1' });
    expect(lines[0].text).toMatch(/^request \d+ served$/);
    expect(lines[0].ts).toMatch(/^\d{4}-\d\d-\d\dT.*\.\d{9}Z$/);
  });

  it('refuses bad input with 400/404/409, never 500', async () => {
    const missing = await admin.post(`/api/swarm/services/${webId}/update`, { image: `${REPO}:not-here` });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toContain(`${REPO}:not-here`);
    expect((await admin.post(`/api/swarm/services/${webId}/update`, { image: 'Bad Image!' })).status).toBe(400);
    expect((await admin.post(`/api/swarm/services/${webId}/scale`, { replicas: 101 })).status).toBe(400);
    expect((await admin.post(`/api/swarm/services/${webId}/scale`, { replicas: -1 })).status).toBe(400);
    expect((await admin.post('/api/swarm/services/shop_agent/scale', { replicas: 2 })).status).toBe(400); // global
    expect((await admin.get('/api/swarm/services/bad%20id')).status).toBe(400);
    expect((await admin.get('/api/swarm/services/nosuchservice')).status).toBe(404);
    expect((await admin.post('/api/swarm/services/nosuchservice/scale', { replicas: 1 })).status).toBe(404);
    const noPrevious = await admin.post('/api/swarm/services/shop_api/rollback');
    expect(noPrevious.status).toBe(409);
    expect(noPrevious.json.error).toMatch(/no previous version/);
    const ack = await emitAck<{ ok: boolean; status: number }>(socket, SWARM_EVENTS.watch, { serviceId: 'nosuchservice' });
    expect(ack).toMatchObject({ ok: false, status: 404 });
    // nothing changed by any of these
    expect(await detail(webId)).toMatchObject({ replicas: 3, image: OK });
  });

  it('lets viewers read but not scale, update or roll back', async () => {
    const viewer = await clientWithRole(server.url, 'viewer');
    expect((await viewer.get('/api/swarm/services')).status).toBe(200);
    expect((await viewer.post(`/api/swarm/services/${webId}/scale`, { replicas: 1 })).status).toBe(403);
    expect((await viewer.post(`/api/swarm/services/${webId}/update`, { image: V2 })).status).toBe(403);
    expect((await viewer.post(`/api/swarm/services/${webId}/rollback`)).status).toBe(403);
    const operator = await clientWithRole(server.url, 'operator');
    const r = await operator.post(`/api/swarm/services/${webId}/scale`, { replicas: 1 });
    expect(r.status).toBe(200);
    await waitFor(async () => (await detail(webId)).running === 1, 'scaled back to one');
  });

  it('answers 409 on an environment that is not a swarm manager', async () => {
    const shared = await adminClient(sharedBase);
    const status = (await shared.get('/api/swarm')).json as SwarmStatus;
    expect(status).toMatchObject({ swarm: false, nodes: [] });
    expect(status.message).toMatch(/not a swarm manager/);
    for (const r of [await shared.get('/api/swarm/services'), await shared.post(`/api/swarm/services/${webId}/scale`, { replicas: 2 })]) {
      expect(r.status).toBe(409);
      expect(r.json.error).toMatch(/not a swarm manager/);
    }
  });
});
