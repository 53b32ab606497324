// Live stats against real containers: samples, one shared Docker stream per container, collectors
// that stop after their viewers leave, and an OOM-killed container reported as such.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { CollectorInfo, ContainerHealthReport, StatsSample } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { BUSYBOX, createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';

const base = inject('slipwayUrl');
const project = uniqueProject('swst');
let admin: Client;
let idleId: string;
let burnerId: string;
const sockets: Socket[] = [];

async function viewer() {
  const s = await connectSocket(base, { cookie: admin.cookie, origin: base });
  sockets.push(s);
  return s;
}
const collectors = async () => (await admin.get('/api/stats/collectors')).json as CollectorInfo[];

beforeAll(async () => {
  admin = await adminClient(base);
  idleId = (await createTestContainer({ project, service: 'idle', cmd: ['sleep', '3600'] })).id;
  // Half a core at most, so the test stays gentle on a shared machine; idle for its first seconds.
  const burner = await docker.createContainer({
    name: `${project}-burner-1`,
    Image: BUSYBOX,
    Cmd: ['sh', '-c', 'sleep 3; while :; do :; done'],
    Labels: { 'slipway.test': '1', 'com.docker.compose.project': project, 'com.docker.compose.service': 'burner' },
    StopSignal: 'SIGKILL',
    HostConfig: { NetworkMode: 'host', NanoCpus: 500_000_000 },
  });
  await burner.start();
  burnerId = burner.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await removeProject(project);
});

describe('stats', () => {
  it('streams samples with numeric fields, and CPU rises for a container burning CPU', async () => {
    const s = await viewer();
    const samples: StatsSample[] = [];
    s.on('stats:sample', (x: StatsSample) => x.containerId === burnerId && samples.push(x));
    const ack = await emitAck<{ ok: boolean; containerId: string; history: StatsSample[] }>(s, 'stats:subscribe', { containerId: `${project}-burner-1` });
    expect(ack.ok).toBe(true);
    expect(ack.containerId).toBe(burnerId);
    expect(Array.isArray(ack.history)).toBe(true);
    const first = await waitFor(async () => samples[0], 'a first sample', 10_000);
    for (const k of ['ts', 'cpuPercent', 'memBytes', 'memLimit', 'netRx', 'netTx', 'blkRead', 'blkWrite', 'netRxRate', 'blkWriteRate'] as const)
      expect(typeof first[k], k).toBe('number');
    expect(first.memBytes).toBeGreaterThan(0);
    expect(first.memLimit).toBeGreaterThan(0);
    const busy = await waitFor(async () => samples.find((x) => x.cpuPercent > 25), 'a sample above 25% CPU', 20_000);
    expect(busy.cpuPercent).toBeLessThan(80); // capped at half a core
    expect(Math.min(...samples.map((x) => x.cpuPercent))).toBeLessThan(10); // before the loop began
    await emitAck(s, 'stats:unsubscribe', { containerId: burnerId });
    await docker.getContainer(burnerId).stop({ t: 0 }).catch(() => undefined);
  });

  it('gives a second viewer the history and shares one Docker stats stream between both', async () => {
    const a = await viewer();
    const b = await viewer();
    const gotA: StatsSample[] = [];
    const gotB: StatsSample[] = [];
    a.on('stats:sample', (x: StatsSample) => gotA.push(x));
    b.on('stats:sample', (x: StatsSample) => gotB.push(x));
    await emitAck(a, 'stats:subscribe', { containerId: idleId });
    await waitFor(async () => gotA.length >= 2, 'samples for the first viewer', 10_000);
    const ackB = await emitAck<{ history: StatsSample[] }>(b, 'stats:subscribe', { containerId: idleId });
    expect(ackB.history.length).toBeGreaterThanOrEqual(2); // the chart opens with history
    await waitFor(async () => gotB.length >= 2, 'samples for the second viewer', 10_000);
    const mine = (await collectors()).filter((c) => c.containerId === idleId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ viewers: 2, streamsOpened: 1 });
    // The same samples reach both viewers: one stream, fanned out.
    const shared = gotB.filter((x) => gotA.some((y) => y.ts === x.ts));
    expect(shared.length).toBeGreaterThan(0);

    a.close();
    await waitFor(async () => (await collectors()).find((c) => c.containerId === idleId && c.viewers === 1), 'one viewer left');
    await emitAck(b, 'stats:unsubscribe', { containerId: idleId });
    const leaving = await waitFor(async () => (await collectors()).find((c) => c.containerId === idleId && c.viewers === 0), 'collector in its grace period');
    expect(leaving.stopsAt).toBeGreaterThan(Date.now() - 1000);
    await waitFor(async () => !(await collectors()).some((c) => c.containerId === idleId), 'collector stopped after its viewers left', 30_000, 250);
  });

  it('refuses unknown containers and bad payloads', async () => {
    const s = await viewer();
    expect(await emitAck(s, 'stats:subscribe', { containerId: 'no-such-container-here' })).toMatchObject({ ok: false, status: 404 });
    expect(await emitAck(s, 'stats:subscribe', { containerId: '../etc' })).toMatchObject({ ok: false, status: 400 });
    expect(await emitAck(s, 'stats:subscribe', null)).toMatchObject({ ok: false, status: 400 });
  });

  it('sends the overview a compact batch for running containers', async () => {
    const s = await viewer();
    const batches: { samples: { containerId: string; cpuPercent: number; memBytes: number }[] }[] = [];
    s.on('stats:overview', (x) => batches.push(x));
    const ack = await emitAck<{ ok: boolean; intervalMs: number }>(s, 'stats:overview:subscribe', {});
    expect(ack.ok).toBe(true);
    const withIdle = await waitFor(async () => batches.find((b) => b.samples.some((x) => x.containerId === idleId)), 'an overview batch with the idle container', 15_000);
    expect(typeof withIdle.samples[0].memBytes).toBe('number');
    s.close();
  });

  it('reports an OOM-killed container as such', async () => {
    const oom = await createTestContainer({ project, service: 'hog', cmd: ['sh', '-c', 'x=$(yes | head -c 64000000); echo survived'], memoryBytes: 16 * 1024 * 1024 });
    const report = await waitFor(async () => {
      const all = (await admin.get('/api/health/containers')).json as ContainerHealthReport[];
      return all.find((r) => r.containerId === oom.id && r.oomKilled);
    }, 'the OOM kill reported', 30_000, 250);
    expect(report.rollup).toBe('unhealthy');
    expect(report.reasons.map((r) => r.kind)).toContain('oom');
    expect(report.reasons.find((r) => r.kind === 'oom')!.text).toContain('16 MB');
    const detail = await admin.get(`/api/containers/${oom.id}`);
    expect(detail.json.oomKilled).toBe(true);
    const stacks = (await admin.get('/api/stacks')).json as { name: string; services: { name: string; rollup: string }[] }[];
    expect(stacks.find((x) => x.name === project)!.services.find((x) => x.name === 'hog')!.rollup).toBe('unhealthy');
  });
});
