// Live logs against real containers: streaming with stderr marked, a merged two-replica view in
// timestamp order, a reconnect without duplicate or gap, stop/start of the container, the HTTP
// download and its 400s, and who may subscribe.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { LogLine, LogsSkippedEvent, LogsStatusEvent } from '@/server/contract';
import { adminClient, Client, clientWithRole, waitFor } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-logs');
let admin: Client;

/** Everything a socket receives from the logs events, by subscription. */
export function collect(socket: Socket) {
  const lines = new Map<string, LogLine[]>();
  const status: LogsStatusEvent[] = [];
  const skipped: LogsSkippedEvent[] = [];
  socket.on('logs:lines', (ev: { subscriptionId: string; lines: LogLine[] }) => {
    const list = lines.get(ev.subscriptionId) ?? [];
    for (const l of ev.lines) list.push(l);
    lines.set(ev.subscriptionId, list);
  });
  socket.on('logs:status', (ev: LogsStatusEvent) => status.push(ev));
  socket.on('logs:skipped', (ev: LogsSkippedEvent) => skipped.push(ev));
  return { of: (id: string) => lines.get(id) ?? [], status, skipped };
}

const numbered = (n = 100000, pause = '0.01') => ['sh', '-c', `i=0; while [ $i -lt ${n} ]; do i=$((i+1)); echo "line $i"; sleep ${pause}; done; sleep 3600`];
const num = (l: LogLine) => Number(/line (\d+)/.exec(l.text)?.[1]);

beforeAll(async () => {
  admin = await adminClient(base);
});

afterAll(async () => {
  await removeProject(project);
});

describe('live logs', () => {
  it('streams a chatty container live with stderr marked', async () => {
    const c = await createTestContainer({ project, service: 'chatty', cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; sleep 0.05; done'] });
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const got = collect(socket);
    try {
      const ack = await emitAck<{ ok: boolean; subscriptionId: string }>(socket, 'logs:subscribe', { containerId: c.id, tail: 0 });
      expect(ack.ok).toBe(true);
      const t0 = Date.now();
      const lines = await waitFor(async () => (got.of(ack.subscriptionId).length >= 10 ? got.of(ack.subscriptionId) : null), 'live lines');
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(lines.some((l) => l.stream === 'stderr' && l.text.startsWith('err '))).toBe(true);
      expect(lines.some((l) => l.stream === 'stdout' && l.text.startsWith('out '))).toBe(true);
      expect(lines.every((l) => l.containerId === c.id && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(l.ts))).toBe(true);
      const okUnsub = await emitAck<{ ok: boolean }>(socket, 'logs:unsubscribe', { subscriptionId: ack.subscriptionId });
      expect(okUnsub.ok).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('merges a two-replica service ordered by timestamp, each line marked with its container', async () => {
    const cmd = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i from $HOSTNAME"; sleep 0.03; done'];
    const [a, b] = await Promise.all([
      createTestContainer({ project, service: 'web', index: 1, cmd }),
      createTestContainer({ project, service: 'web', index: 2, cmd }),
    ]);
    await waitFor(async () => ((await admin.get('/api/containers')).json as { name: string }[]).filter((x) => x.name.startsWith(`${project}-web-`)).length === 2, 'replicas known');
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const got = collect(socket);
    try {
      const ack = await emitAck<{ ok: boolean; subscriptionId: string; containers: { id: string }[] }>(socket, 'logs:subscribe', { project, service: 'web', tail: 'all' });
      expect(ack.ok).toBe(true);
      expect(ack.containers.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
      const lines = await waitFor(async () => {
        const l = got.of(ack.subscriptionId);
        return l.filter((x) => x.containerId === a.id).length > 40 && l.filter((x) => x.containerId === b.id).length > 40 ? l : null;
      }, 'lines from both replicas');
      for (let i = 1; i < lines.length; i++) expect(lines[i].ts >= lines[i - 1].ts, `line ${i} in order`).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('resumes after a reconnect with no duplicate and no missing line', async () => {
    const c = await createTestContainer({ project, service: 'numbered', cmd: numbered() });
    const first = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const got1 = collect(first);
    const ack1 = await emitAck<{ subscriptionId: string }>(first, 'logs:subscribe', { containerId: c.id, tail: 'all' });
    await waitFor(async () => got1.of(ack1.subscriptionId).length >= 30, 'first lines');
    first.close(); // the connection drops; the container keeps writing
    const seen = got1.of(ack1.subscriptionId).slice();
    const lastTs = seen[seen.length - 1].ts;
    await new Promise((r) => setTimeout(r, 500)); // lines written while away must not be lost

    const second = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const got2 = collect(second);
    try {
      const ack2 = await emitAck<{ subscriptionId: string }>(second, 'logs:subscribe', { containerId: c.id, tail: 'all', since: lastTs });
      const target = num(seen[seen.length - 1]) + 80;
      await waitFor(async () => got2.of(ack2.subscriptionId).some((l) => num(l) >= target), 'lines after the reconnect');
      const all = [...seen, ...got2.of(ack2.subscriptionId)].map(num);
      expect(all[0]).toBe(1);
      all.forEach((n, i) => expect(n, `position ${i}`).toBe(i + 1));
    } finally {
      second.close();
    }
  });

  it('ends the stream with a message when the container stops and resumes when it starts again', async () => {
    const c = await createTestContainer({ project, service: 'restarting', cmd: ['sh', '-c', 'echo "boot at $(date +%s%N)"; i=0; while true; do i=$((i+1)); echo "beat $i"; sleep 0.05; done'] });
    const socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const got = collect(socket);
    try {
      const ack = await emitAck<{ subscriptionId: string }>(socket, 'logs:subscribe', { containerId: c.id, tail: 'all' });
      await waitFor(async () => got.of(ack.subscriptionId).length > 5, 'first beats');
      execFileSync('docker', ['stop', '-t', '0', c.id]);
      const ended = await waitFor(async () => got.status.find((s) => s.subscriptionId === ack.subscriptionId && s.state === 'ended'), 'ended status');
      expect(ended.message).toMatch(/stopped/);
      const before = got.of(ack.subscriptionId).length;
      execFileSync('docker', ['start', c.id]);
      await waitFor(async () => got.status.find((s) => s.subscriptionId === ack.subscriptionId && s.state === 'following'), 'following status');
      const lines = await waitFor(async () => (got.of(ack.subscriptionId).filter((l) => l.text.startsWith('boot at')).length === 2 && got.of(ack.subscriptionId).length > before + 5 ? got.of(ack.subscriptionId) : null), 'lines after the restart');
      expect(new Set(lines.map((l) => l.ts + l.text)).size).toBe(lines.length);

      await removeContainerAndWait(c.id);
      const removed = await waitFor(async () => got.status.find((s) => s.subscriptionId === ack.subscriptionId && /removed/.test(s.message)), 'removed status');
      expect(removed.state).toBe('ended');
    } finally {
      socket.close();
    }
  });
});

async function removeContainerAndWait(id: string) {
  execFileSync('docker', ['rm', '-f', id]);
}

describe('log download and permissions', () => {
  it('streams text with timestamps and grep, and answers 400 naming the bad parameter', async () => {
    const c = await createTestContainer({ project, service: 'finite', cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do echo "row $i"; done; sleep 0.2; echo "problem here" >&2'] });
    // The pause matters: Docker stamps stdout and stderr on separate readers, so lines written within
    // microseconds of each other can sit in the log in an order their timestamps disagree with.
    await waitFor(async () => (await c.container.inspect()).State.Status === 'exited', 'container done');
    const all = await admin.get(`/api/containers/${c.id}/logs`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toMatch(/text\/plain/);
    expect(all.text.trim().split('\n')).toHaveLength(11);
    const full = (await admin.get(`/api/containers/${c.id}/logs?timestamps=true`)).text.trim().split('\n');
    const tail = await admin.get(`/api/containers/${c.name}/logs?tail=2&timestamps=true`);
    expect(tail.text.trim().split('\n')).toEqual(full.slice(-2));
    expect(tail.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const grep = await admin.get(`/api/containers/${c.id}/logs?grep=problem`);
    expect(grep.text).toBe('problem here\n');
    const since = await admin.get(`/api/containers/${c.id}/logs?timestamps=1&since=${encodeURIComponent(full[full.length - 3].split(' ')[0])}`);
    expect(since.text.trim().split('\n')).toEqual(full.slice(-2)); // strictly after the given line

    const badTail = await admin.get(`/api/containers/${c.id}/logs?tail=-1`);
    expect(badTail.status).toBe(400);
    expect(badTail.json.error).toMatch(/tail/);
    const badSince = await admin.get(`/api/containers/${c.id}/logs?since=last-tuesday`);
    expect(badSince.status).toBe(400);
    expect(badSince.json.error).toMatch(/since/);
    expect((await admin.get(`/api/containers/${c.id}/logs?until=2020-01-01T00:00:00Z&since=2021-01-01T00:00:00Z`)).json.error).toMatch(/until/);
    expect((await admin.get('/api/containers/no-such-container-xyz/logs')).status).toBe(404);
    expect((await new Client(base).get(`/api/containers/${c.id}/logs`)).status).toBe(401);
  });

  it('lets a viewer subscribe and refuses an unauthenticated socket and a bad payload', async () => {
    const c = await createTestContainer({ project, service: 'viewed', cmd: ['sh', '-c', 'echo visible; sleep 3600'] });
    const viewer = await clientWithRole(base, 'viewer');
    const socket = await connectSocket(base, { cookie: viewer.cookie, origin: base });
    const got = collect(socket);
    try {
      const ack = await emitAck<{ ok: boolean; subscriptionId: string }>(socket, 'logs:subscribe', { containerId: c.id, tail: 10 });
      expect(ack.ok).toBe(true);
      await waitFor(async () => got.of(ack.subscriptionId).some((l) => l.text === 'visible'), 'viewer sees the line');
      const bad = await emitAck<{ ok: boolean; status: number }>(socket, 'logs:subscribe', { containerId: c.id, tail: -1 });
      expect(bad).toMatchObject({ ok: false, status: 400 });
      const missing = await emitAck<{ ok: boolean; status: number }>(socket, 'logs:subscribe', { project, service: 'nothing-here', tail: 10 });
      expect(missing).toMatchObject({ ok: false, status: 404 });
    } finally {
      socket.close();
    }
    await expect(connectSocket(base, { origin: base })).rejects.toThrow(/unauthorized/);
  });
});
