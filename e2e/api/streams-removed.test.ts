// A container removed (`docker rm -f`) while a stats subscription and a shell session are open on it
// (logs: logs.test.ts): the stats subscriber is told once (`stats:ended`) and its collector goes, the
// shell ends with a `shell:exit`, the socket stays connected, and the server carries on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { CollectorInfo, ShellExitEvent, StatsEndedEvent, StatsSample } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';
import { tapShell } from '../support/shell';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-gone');
let admin: Client;
let socket: Socket;
let victim: { id: string; name: string };
let survivor: { id: string; name: string };

beforeAll(async () => {
  admin = await adminClient(base);
  [victim, survivor] = await Promise.all([
    createTestContainer({ project, service: 'victim', cmd: ['sleep', '3600'] }),
    createTestContainer({ project, service: 'survivor', cmd: ['sleep', '3600'] }),
  ]);
  await waitFor(async () => (await admin.get(`/api/containers/${victim.id}`)).json?.state === 'running' && (await admin.get(`/api/containers/${survivor.id}`)).json?.state === 'running', 'containers known');
  socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
});

afterAll(async () => {
  socket?.close();
  await removeProject(project);
});

describe('a container removed mid-stream', () => {
  it('ends its stats subscription and its shell session cleanly; the server carries on', async () => {
    const samples: StatsSample[] = [];
    const ended: StatsEndedEvent[] = [];
    const errors: unknown[] = [];
    socket.on('stats:sample', (s: StatsSample) => samples.push(s));
    socket.on('stats:ended', (e: StatsEndedEvent) => ended.push(e));
    socket.on('disconnect', (r) => errors.push(`disconnect: ${r}`));
    socket.on('connect_error', (e) => errors.push(e));
    const shell = tapShell(socket);

    expect(await emitAck(socket, 'stats:subscribe', { containerId: victim.id })).toMatchObject({ ok: true, running: true });
    await waitFor(async () => samples.some((s) => s.containerId === victim.id), 'a stats sample');
    const open = await emitAck<{ ok: boolean; sessionId: string }>(socket, 'shell:open', { containerId: victim.id, cols: 80, rows: 24 });
    expect(open.ok, JSON.stringify(open)).toBe(true);
    await emitAck(socket, 'shell:input', { sessionId: open.sessionId, data: 'echo "alive-$((40+2))"\r' });
    await shell.waitOutput(open.sessionId, /alive-42/);

    await docker.getContainer(victim.id).remove({ force: true });

    const exit: ShellExitEvent = await shell.waitExit(open.sessionId);
    expect(['exited', 'container-stopped']).toContain(exit.reason);
    const end = await waitFor(async () => ended.find((e) => e.containerId === victim.id), 'stats:ended');
    expect(end).toMatchObject({ reason: 'removed', message: expect.stringContaining('removed') });
    expect(ended.filter((e) => e.containerId === victim.id)).toHaveLength(1);
    // the collector is gone, not retrying a stream that cannot come back
    const collectors = (await admin.get('/api/stats/collectors')).json as CollectorInfo[];
    expect(collectors.map((c) => c.containerId)).not.toContain(victim.id);
    // the session is over: input to it is refused, not sent anywhere
    const late = await emitAck<{ ok: boolean; status?: number }>(socket, 'shell:input', { sessionId: open.sessionId, data: 'echo late\r' });
    expect(late.ok).toBe(false);

    // the server and the same socket carry on
    expect((await admin.get('/api/health')).status).toBe(200);
    expect(socket.connected).toBe(true);
    expect(await emitAck(socket, 'stats:subscribe', { containerId: survivor.id })).toMatchObject({ ok: true, running: true });
    await waitFor(async () => samples.some((s) => s.containerId === survivor.id), 'a sample of the other container');
    const again = await emitAck<{ ok: boolean; sessionId: string }>(socket, 'shell:open', { containerId: survivor.id, cols: 80, rows: 24 });
    expect(again.ok, JSON.stringify(again)).toBe(true);
    await emitAck(socket, 'shell:input', { sessionId: again.sessionId, data: 'exit 3\r' });
    expect(await shell.waitExit(again.sessionId)).toMatchObject({ code: 3, reason: 'exited' });
    expect(errors).toEqual([]);
    await emitAck(socket, 'stats:unsubscribe', { containerId: survivor.id });
  });
});
