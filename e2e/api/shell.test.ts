// In-browser shell over socket.io against real containers: I/O, TTY resize, exit codes, cleanup
// verified with the engine, permissions, origin, audit, no-shell images, container stop, idle timeout.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { AuditEntry } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { connectSocket, emitAck } from '../support/sockets';
import { startServer } from '../support/slipway-server';
import { containerProcesses, ensureNoShellImage, NO_SHELL_IMAGE, runningExecs, tapShell, type ShellTap } from '../support/shell';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-shell');
let admin: Client;
let bb: { id: string; name: string };
let debian: { id: string; name: string };
const sockets: Socket[] = [];

type Ack = { ok: boolean; sessionId?: string; cmd?: string[]; status?: number; error?: string };

async function adminSocket(url = base, client = admin): Promise<{ socket: Socket; tap: ShellTap }> {
  const socket = await connectSocket(url, { cookie: client.cookie, origin: url });
  sockets.push(socket);
  return { socket, tap: tapShell(socket) };
}

async function open(socket: Socket, payload: Record<string, unknown>): Promise<string> {
  const ack = await emitAck<Ack>(socket, 'shell:open', { cols: 80, rows: 24, ...payload });
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  return ack.sessionId!;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  admin = await adminClient(base);
  ensureNoShellImage();
  [bb, debian] = await Promise.all([
    createTestContainer({ project, service: 'bb', cmd: ['sleep', '3600'] }),
    createTestContainer({ project, service: 'deb', image: 'slipway/nginx:1', cmd: ['sleep', '3600'] }),
  ]);
  await waitFor(async () => (await admin.get(`/api/containers/${debian.id}`)).json?.state === 'running', 'containers known to slipway');
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

afterAll(async () => {
  await removeProject(project);
});

/** A fresh busybox container of its own, for tests that ask the engine what still runs in it. */
async function ownContainer(service: string) {
  const c = await createTestContainer({ project, service, cmd: ['sleep', '3600'] });
  await waitFor(async () => (await admin.get(`/api/containers/${c.id}`)).json?.state === 'running', `${service} known to slipway`);
  return c;
}

describe('shell sessions', () => {
  it('runs sh where there is no bash and sends a command output back', async () => {
    const { socket, tap } = await adminSocket();
    const ack = await emitAck<Ack>(socket, 'shell:open', { containerId: bb.id, cols: 80, rows: 24 });
    expect(ack).toMatchObject({ ok: true, cmd: ['sh'] });
    await emitAck(socket, 'shell:input', { sessionId: ack.sessionId, data: 'echo "answer-$((6*7))"\r' });
    await tap.waitOutput(ack.sessionId!, /answer-42/);
  });

  it('defaults to bash when the image has it, and stty size follows a resize', async () => {
    const { socket, tap } = await adminSocket();
    const ack = await emitAck<Ack>(socket, 'shell:open', { containerId: debian.name, cols: 80, rows: 24 });
    expect(ack).toMatchObject({ ok: true, cmd: ['bash'] });
    const id = ack.sessionId!;
    await emitAck(socket, 'shell:input', { sessionId: id, data: 'echo "size=$(stty size)"\r' });
    await tap.waitOutput(id, /size=24 80/);
    expect(await emitAck(socket, 'shell:resize', { sessionId: id, cols: 132, rows: 43 })).toMatchObject({ ok: true });
    await emitAck(socket, 'shell:input', { sessionId: id, data: 'echo "size=$(stty size)" "term=$TERM colors=$(tput colors 2>/dev/null || echo 256)"\r' });
    await tap.waitOutput(id, /size=43 132 term=xterm-256color/);
  });

  it('runs the command and user asked for', async () => {
    const { socket, tap } = await adminSocket();
    const id = await open(socket, { containerId: debian.id, cmd: ['sh', '-c', 'id -u; echo done-$0'], user: 'nobody' });
    await tap.waitOutput(id, /65534\s+done-sh/);
    expect((await tap.waitExit(id)).code).toBe(0);
    const bad = await emitAck<Ack>(socket, 'shell:open', { containerId: debian.id, cols: 80, rows: 24, user: 'root; rm -rf /' });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    const unknown = await emitAck<Ack>(socket, 'shell:open', { containerId: debian.id, cols: 80, rows: 24, user: 'nobody2' });
    expect(unknown).toMatchObject({ ok: false, status: 409 });
    expect(unknown.error).toMatch(/unable to find user nobody2/);
  });

  it('reports the exit code of `exit 3` in shell:exit', async () => {
    const { socket, tap } = await adminSocket();
    const id = await open(socket, { containerId: bb.id });
    await emitAck(socket, 'shell:input', { sessionId: id, data: 'exit 3\r' });
    expect(await tap.waitExit(id)).toEqual({ sessionId: id, code: 3, reason: 'exited' });
  });

  it('leaves no exec running in the container after the socket closes', async () => {
    const ctr = await ownContainer('cleanup');
    const { socket, tap } = await adminSocket();
    const a = await open(socket, { containerId: ctr.id });
    const b = await open(socket, { containerId: ctr.id }); // several shells at once
    await emitAck(socket, 'shell:input', { sessionId: a, data: 'sleep 777\r' });
    await emitAck(socket, 'shell:input', { sessionId: b, data: 'echo second-$((1+1))\r' });
    await tap.waitOutput(b, /second-2/);
    await waitFor(async () => (await containerProcesses(ctr.id)).includes('sleep 777'), 'sleep 777 running in the shell');
    expect((await runningExecs(ctr.id)).length).toBe(2);
    socket.close();
    // Ask the engine: no exec of this container still runs, and only the main process is left.
    await waitFor(async () => (await runningExecs(ctr.id)).length === 0, 'no running exec', 10_000);
    expect(await containerProcesses(ctr.id)).toEqual(['sleep 3600']);
  });

  it('ends a session with shell:close and kills what runs in it', async () => {
    const ctr = await ownContainer('closer');
    const { socket, tap } = await adminSocket();
    const id = await open(socket, { containerId: ctr.id });
    // A shell that ignores the hang-up: the KILL that follows must still end it.
    await emitAck(socket, 'shell:input', { sessionId: id, data: 'trap "" HUP; sleep 778\r' });
    await waitFor(async () => (await containerProcesses(ctr.id)).includes('sleep 778'), 'sleep 778 running');
    expect(await emitAck(socket, 'shell:close', { sessionId: id })).toMatchObject({ ok: true });
    expect((await tap.waitExit(id)).reason).toBe('closed');
    expect(await runningExecs(ctr.id)).toEqual([]);
    expect(await containerProcesses(ctr.id)).toEqual(['sleep 3600']);
  });

  it('does not let another socket write to, resize or close a session', async () => {
    const { socket, tap } = await adminSocket();
    const id = await open(socket, { containerId: bb.id });
    const other = await adminSocket();
    for (const [ev, extra] of [['shell:input', { data: 'echo intruder\r' }], ['shell:resize', { cols: 10, rows: 10 }], ['shell:close', {}]] as const)
      expect(await emitAck(other.socket, ev, { sessionId: id, ...extra })).toMatchObject({ ok: false, status: 404 });
    await emitAck(socket, 'shell:input', { sessionId: id, data: 'echo "still-$((2+3))"\r' });
    await tap.waitOutput(id, /still-5/);
    expect(tap.output(id)).not.toContain('intruder');
  });

  it('refuses viewers and operators', async () => {
    const before = (await docker.getContainer(bb.id).inspect()).ExecIDs ?? [];
    for (const role of ['viewer', 'operator'] as const) {
      const c = await clientWithRole(base, role);
      const s = await connectSocket(base, { cookie: c.cookie, origin: base });
      sockets.push(s);
      expect(await emitAck(s, 'shell:open', { containerId: bb.id, cols: 80, rows: 24 })).toMatchObject({ ok: false, status: 403 });
    }
    const after = (await docker.getContainer(bb.id).inspect()).ExecIDs ?? [];
    expect(after.filter((e) => !before.includes(e))).toEqual([]); // not even a probe ran
    const audit = (await admin.get('/api/audit?limit=50')).json as { action: string; result: string }[];
    expect(audit.filter((e) => e.action === 'socket shell:open' && e.result === 'denied').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a cross-origin handshake', async () => {
    await expect(connectSocket(base, { cookie: admin.cookie, origin: 'http://evil.example' })).rejects.toThrow();
  });

  it('says clearly when the container has no shell', async () => {
    const c = await createTestContainer({ project, service: 'noshell', image: NO_SHELL_IMAGE, cmd: ['/bin/sleep', '3600'] });
    await waitFor(async () => (await admin.get(`/api/containers/${c.id}`)).json?.state === 'running', 'noshell running');
    const { socket } = await adminSocket();
    const ack = await emitAck<Ack>(socket, 'shell:open', { containerId: c.id, cols: 80, rows: 24 });
    expect(ack).toMatchObject({ ok: false, status: 409 });
    expect(ack.error).toMatch(/no shell/i);
  });

  it('ends the session with a reason when the container stops', async () => {
    const c = await ownContainer('stopper');
    const { socket, tap } = await adminSocket();
    const id = await open(socket, { containerId: c.id });
    await c.container.stop({ t: 0 });
    expect((await tap.waitExit(id)).reason).toBe('container-stopped');
  });

  it('audits every session with user, container, command, start, end and exit code', async () => {
    const { socket, tap } = await adminSocket();
    const id = await open(socket, { containerId: bb.id });
    await emitAck(socket, 'shell:input', { sessionId: id, data: 'exit 5\r' });
    await tap.waitExit(id);
    const entries = await waitFor(async () => {
      const all = (await admin.get('/api/audit?limit=200')).json as AuditEntry[];
      const mine = all.filter((e) => e.detail?.includes(id));
      return mine.length === 2 ? mine : undefined;
    }, 'shell audit entries');
    const end = entries.find((e) => e.action === 'shell.end')!;
    expect(end).toMatchObject({ username: 'admin', target: bb.name, result: 'ok' });
    const d = JSON.parse(end.detail!);
    expect(d).toMatchObject({ sessionId: id, containerId: bb.id, command: ['sh'], exitCode: 5, reason: 'exited' });
    expect(Date.parse(d.endedAt)).toBeGreaterThanOrEqual(Date.parse(d.startedAt));
    expect(entries.find((e) => e.action === 'shell.open')).toMatchObject({ username: 'admin', target: bb.name, result: 'ok' });
  });
});

describe('server lifecycle', () => {
  it('closes a forgotten session and its process after the idle timeout', async () => {
    const server = await startServer({ port: await freePort(), env: { SLIPWAY_SHELL_IDLE_TIMEOUT: '2' } });
    try {
      const ctr = await ownContainer('idle');
      const client = await adminClient(server.url);
      await waitFor(async () => (await client.get(`/api/containers/${ctr.id}`)).json?.state === 'running', 'container known');
      const { socket, tap } = await adminSocket(server.url, client);
      const id = await open(socket, { containerId: ctr.id });
      const started = Date.now();
      expect((await tap.waitExit(id)).reason).toBe('idle');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(await runningExecs(ctr.id)).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('ends shells at shutdown, and after a crash ends the orphans at the next start', async () => {
    const ctr = await ownContainer('lifecycle');
    const crashed = await startServer({ port: await freePort() });
    let next: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      const client = await adminClient(crashed.url);
      await waitFor(async () => (await client.get(`/api/containers/${ctr.id}`)).json?.state === 'running', 'container known');
      const { socket } = await adminSocket(crashed.url, client);
      const orphan = await open(socket, { containerId: ctr.id });
      await emitAck(socket, 'shell:input', { sessionId: orphan, data: 'sleep 780\r' });
      await waitFor(async () => (await containerProcesses(ctr.id)).includes('sleep 780'), 'sleep 780 running');
      const gone = new Promise((r) => crashed.child.once('exit', r));
      crashed.child.kill('SIGKILL'); // no chance to clean up
      await gone;
      expect(await runningExecs(ctr.id)).toHaveLength(1);

      next = await startServer({ port: await freePort(), dataDir: crashed.dataDir });
      await waitFor(async () => (await runningExecs(ctr.id)).length === 0, 'orphan ended at start', 10_000);
      expect(await containerProcesses(ctr.id)).toEqual(['sleep 3600']);
      const admin2 = await adminClient(next.url);
      const end = await waitFor(async () => {
        const audit = (await admin2.get('/api/audit?limit=50')).json as AuditEntry[];
        return audit.find((e) => e.action === 'shell.end' && e.detail?.includes(orphan));
      }, 'shell.end of the orphan');
      expect(JSON.parse(end.detail!)).toMatchObject({ sessionId: orphan, reason: 'server-restart' });

      // A graceful stop ends what runs, before the process exits.
      const s2 = await adminSocket(next.url, admin2);
      const live = await open(s2.socket, { containerId: ctr.id });
      await emitAck(s2.socket, 'shell:input', { sessionId: live, data: 'sleep 781\r' });
      await waitFor(async () => (await containerProcesses(ctr.id)).includes('sleep 781'), 'sleep 781 running');
      await next.stop();
      expect(await runningExecs(ctr.id)).toEqual([]);
      expect(await containerProcesses(ctr.id)).toEqual(['sleep 3600']);
    } finally {
      await crashed.stop();
      await next?.stop();
    }
  });
});
