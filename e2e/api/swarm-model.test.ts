// The swarm listings answer from memory (server/swarm/service-model.ts), so they must still show a change
// made behind Slipway's back, through the Engine API directly: the stated bound is that a reading is at
// most 2 s old. Each case times the moment the engine itself shows the change (read here every 50 ms)
// against the moment GET /api/swarm/services (or /:id) shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwarmServiceDetail, SwarmServicesResponse } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { freePort } from '../support/ports';
import type { SecondEngine } from '../support/second-engine';
import { createService, startSwarm } from '../support/swarm-fixture';
import { startServer, type RunningServer } from '../support/slipway-server';

/** the bound stated by the issue and the model: a reading is at most 2 s old */
const BOUND_MS = 2000;
/** one request's own time on top of the bound (the read that shows the change must also be answered) */
const REQUEST_SLACK_MS = 300;

let engine: SecondEngine;
let server: RunningServer;
let admin: Client;

beforeAll(async () => {
  engine = await startSwarm();
  server = await startServer({ port: Number(process.env.SLIPWAY_SWARM_MODEL_PORT ?? 0) || (await freePort()), env: { DOCKER_HOST: engine.url } });
  admin = await adminClient(server.url);
}, 120_000);

afterAll(async () => {
  if (server && server.child.exitCode !== null) console.error(`swarm-model server exited early:\n${server.logs()}`);
  await server?.stop();
  await engine?.dispose();
});

const list = async () => {
  const r = await admin.get('/api/swarm/services');
  expect(r.status).toBe(200);
  return r.json as SwarmServicesResponse;
};

/** Polls `check` every 50 ms until it holds; the time it first held. */
async function firstSeen(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<number> {
  return waitFor(async () => ((await check()) ? Date.now() : undefined), what, timeoutMs, 50);
}

describe('swarm listings from memory', () => {
  it('show a service scaled behind Slipway\'s back within the bound: the new replica count, then the running tasks', async () => {
    const id = await createService(engine.docker, 'backdoor', 1);
    await waitFor(async () => (await list()).services.find((s) => s.id === id && s.running === 1), 'backdoor running 1/1', 30_000);

    // scale with dockerode directly, as `docker service scale` would
    const svc = engine.docker.getService(id);
    const spec = (await svc.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
    await svc.update({ version: spec.Version.Index, ...spec.Spec, Mode: { Replicated: { Replicas: 3 } } } as never);
    const changedAt = Date.now();

    const [engineRunning, slipwayReplicas, slipwayRunning] = await Promise.all([
      firstSeen(async () => {
        const tasks = (await engine.docker.listTasks({ filters: { service: [id], 'desired-state': ['running'] } })) as { Status?: { State?: string } }[];
        return tasks.filter((t) => t.Status?.State === 'running').length === 3;
      }, 'the engine running three tasks'),
      firstSeen(async () => (await list()).services.some((s) => s.id === id && s.replicas === 3 && s.desired === 3), 'Slipway listing replicas 3'),
      firstSeen(async () => (await list()).services.some((s) => s.id === id && s.running === 3), 'Slipway listing 3 running'),
    ]);
    expect(slipwayReplicas - changedAt).toBeLessThanOrEqual(BOUND_MS + REQUEST_SLACK_MS);
    expect(slipwayRunning - engineRunning).toBeLessThanOrEqual(BOUND_MS + REQUEST_SLACK_MS);

    // the detail answers from the same model: three running tasks, slots 1-3
    const d = (await admin.get(`/api/swarm/services/${id}`)).json as SwarmServiceDetail;
    expect(d).toMatchObject({ id, name: 'backdoor', replicas: 3, desired: 3 });
    const running = d.tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
    expect(running.map((t) => t.slot).sort()).toEqual([1, 2, 3]);
  });

  it('find a service created behind Slipway\'s back at once by name, list it within the bound, and drop it when removed', async () => {
    const before = await list(); // the model is warm and knows nothing of it
    expect(before.services.some((s) => s.name === 'latecomer')).toBe(false);
    const id = await createService(engine.docker, 'latecomer', 1);
    const createdAt = Date.now();
    const d = await admin.get('/api/swarm/services/latecomer');
    expect(d.status).toBe(200);
    expect((d.json as SwarmServiceDetail).id).toBe(id);
    const listed = await firstSeen(async () => (await list()).services.some((s) => s.id === id), 'latecomer listed');
    expect(listed - createdAt).toBeLessThanOrEqual(BOUND_MS + REQUEST_SLACK_MS);

    await engine.docker.getService(id).remove();
    const removedAt = Date.now();
    const gone = await firstSeen(async () => !(await list()).services.some((s) => s.id === id), 'latecomer gone from the list');
    expect(gone - removedAt).toBeLessThanOrEqual(BOUND_MS + REQUEST_SLACK_MS);
    expect((await admin.get(`/api/swarm/services/${id}`)).status).toBe(404);
    expect((await admin.get('/api/swarm/services/latecomer')).status).toBe(404);
  });
});
