// Several environments against real engines: the shared one, a second dockerd this test starts on its own
// socket and data root, and a third reached over TCP with TLS client certificates made here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_EVENTS, type ContainerSummary, type EnvironmentInfo, type LogsLinesEvent, type StackSummary } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { BUSYBOX, uniqueProject } from '../support/containers';
import { startSecondEngine, type SecondEngine } from '../support/second-engine';
import { startServer, type RunningServer } from '../support/slipway-server';
import { connectSocket, emitAck } from '../support/sockets';
import { tapShell } from '../support/shell';
import { startSshServer, type SshServer } from '../support/ssh-server';
import { createTestContainer, removeProject } from '../support/containers';

const PORT = Number(process.env.SLIPWAY_TEST_PORT ?? 3101) + 7;
let second: SecondEngine;
let secure: SecondEngine;
let server: RunningServer;
let sshd: SshServer;
let admin: Client;
const project = uniqueProject('swt-env');

async function runIn(engine: SecondEngine, service: string, cmd: string[]) {
  const c = await engine.docker.createContainer({
    name: `${project}-${service}-1`,
    Image: BUSYBOX,
    Cmd: cmd,
    StopSignal: 'SIGKILL', // the engine stops quickly in the outage test
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' },
    HostConfig: { NetworkMode: 'host' },
  });
  await c.start();
  return c.id;
}

beforeAll(async () => {
  [second, secure, sshd] = await Promise.all([startSecondEngine({ images: [BUSYBOX] }), startSecondEngine({ tls: true, images: [BUSYBOX] }), startSshServer()]);
  const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-tls-'));
  fs.cpSync(secure.tlsDir!, path.join(tlsDir, 'secure'), { recursive: true });
  fs.cpSync(sshd.keyDir, path.join(tlsDir, 'lab'), { recursive: true });
  // lab: the shared engine again, but reached over SSH (docker system dial-stdio on the far side)
  const envs = `local=unix:///var/run/docker.sock,second=${second.url},secure=${secure.tcpUrl},lab=ssh://root@127.0.0.1:${sshd.port}`;
  server = await startServer({ port: PORT, env: { SLIPWAY_ENVIRONMENTS: envs, SLIPWAY_TLS_DIR: tlsDir } });
  admin = await adminClient(server.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  sshd?.stop();
  await removeProject(project);
  await Promise.all([second?.dispose(), secure?.dispose()]);
}, 60_000);

const envs = async () => (await admin.get('/api/environments')).json as EnvironmentInfo[];

describe('environments', () => {
  it('lists every engine with its reachability and version, the default first', async () => {
    const list = await waitFor(async () => {
      const l = await envs();
      return l.every((e) => e.reachable) ? l : undefined;
    }, 'all four environments reachable', 30_000);
    expect(list.map((e) => e.name)).toEqual(['local', 'second', 'secure', 'lab']);
    expect(list[0].default).toBe(true);
    expect(list.find((e) => e.name === 'secure')).toMatchObject({ tls: true, url: secure.tcpUrl, version: expect.stringMatching(/^\d+\./) });
    expect(list.find((e) => e.name === 'second')).toMatchObject({ tls: false, swarm: false, source: 'config' });
  });

  it('lists each engine’s containers under its own environment', async () => {
    const a = await runIn(second, 'web', ['sleep', '3600']);
    const b = await runIn(secure, 'api', ['sleep', '3600']);
    const stacksOf = async (env?: string) => ((await admin.get(`/api/stacks${env ? `?env=${env}` : ''}`)).json as StackSummary[]).find((s) => s.name === project);
    const onSecond = await waitFor(() => stacksOf('second'), 'project listed on second');
    expect(onSecond.services.map((s) => s.name)).toEqual(['web']);
    const onSecure = await waitFor(() => stacksOf('secure'), 'project listed on secure (TLS)');
    expect(onSecure.services.map((s) => s.name)).toEqual(['api']);
    expect(await stacksOf()).toBeUndefined(); // not on the default engine
    expect((await admin.get(`/api/containers/${a}?env=second`)).status).toBe(200);
    expect((await admin.get(`/api/containers/${a}`)).status).toBe(404);
    expect((await admin.get(`/api/containers/${b}?env=secure`)).json.name).toBe(`${project}-api-1`);
  });

  it('reaches an engine over SSH with a key from SLIPWAY_TLS_DIR', async () => {
    const c = await createTestContainer({ project, service: 'over-ssh', cmd: ['sh', '-c', 'echo via-ssh; exec sleep 3600'] });
    const listed = await waitFor(
      async () => ((await admin.get('/api/containers?env=lab')).json as ContainerSummary[]).find((x) => x.name === c.name),
      'the container listed through the ssh environment',
      // every Engine call over ssh is a new SSH connection and a `docker system dial-stdio` on the far side: the
      // first sync of every container on the shared engine takes a while when other suites load the machine
      45_000,
    );
    expect(listed.state).toBe('running');
    const logs = await admin.get(`/api/containers/${c.id}/logs?env=lab&tail=10`);
    expect(logs.status).toBe(200);
    expect(logs.text).toMatch(/via-ssh/);
  }, 120_000);

  it('refuses unknown and malformed environment names', async () => {
    expect((await admin.get('/api/stacks?env=nowhere')).status).toBe(404);
    const bad = await admin.get('/api/stacks?env=..%2Fetc');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/env/);
    await expect(connectSocket(server.url, { cookie: admin.cookie, origin: server.url, env: 'nowhere' })).rejects.toThrow(/unknown environment/);
  });

  it('streams logs and opens a shell on the second engine', async () => {
    const id = await runIn(second, 'talker', ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "second-line $i"; sleep 0.2; done']);
    await waitFor(async () => (await admin.get(`/api/containers/${id}?env=second`)).status === 200, 'talker known');
    const socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url, env: 'second' });
    try {
      const lines: string[] = [];
      socket.on('logs:lines', (e: LogsLinesEvent) => lines.push(...e.lines.map((l) => l.text)));
      const sub = await emitAck<{ ok: boolean }>(socket, 'logs:subscribe', { containerId: id, tail: 10 });
      expect(sub.ok).toBe(true);
      await waitFor(async () => lines.some((l) => /second-line \d+/.test(l)), 'log lines from the second engine');

      const download = await admin.get(`/api/containers/${id}/logs?env=second&tail=5`);
      expect(download.status).toBe(200);
      expect(download.text).toMatch(/second-line/);

      const tap = tapShell(socket);
      const shell = await emitAck<{ ok: boolean; sessionId: string }>(socket, 'shell:open', { containerId: id, cols: 80, rows: 24 });
      expect(shell.ok).toBe(true);
      await emitAck(socket, 'shell:input', { sessionId: shell.sessionId, data: 'echo "on-$((40+2))"\n' });
      await tap.waitOutput(shell.sessionId, /on-42/, 'shell output from the second engine');
      await emitAck(socket, 'shell:close', { sessionId: shell.sessionId });
    } finally {
      socket.close();
    }
  });

  it('backs up a volume of the second engine into its own catalog, pushing its progress to that engine\'s pages only', async () => {
    // one page on each engine (issue 16): a backup's pushes reach the sockets of its own environment, never another's
    const pushed = { local: [] as { id?: number; env?: string }[], second: [] as { id?: number; env?: string }[] };
    const pages = await Promise.all((['local', 'second'] as const).map(async (env) => {
      const socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url, env });
      for (const name of [BACKUP_EVENTS.progress, BACKUP_EVENTS.changed]) socket.on(name, (e: { id?: number; env?: string }) => pushed[env].push(e));
      return socket;
    }));
    const vol = `${project}-data`;
    await second.docker.createVolume({ Name: vol });
    const filler = await second.docker.createContainer({ Image: BUSYBOX, Cmd: ['sh', '-c', 'echo from-second > /data/proof.txt'], HostConfig: { Binds: [`${vol}:/data`], NetworkMode: 'host' } });
    await filler.start();
    await filler.wait();
    await filler.remove();
    const started = await admin.post('/api/backups?env=second', { target: `volume:${vol}` });
    expect(started.status).toBe(202);
    const done = await waitFor(async () => {
      const b = (await admin.get(`/api/backups/${started.json.id}`)).json as { status: string; error: string | null };
      return b.status === 'verified' || b.status === 'failed' ? b : undefined;
    }, 'the backup to be verified or fail', 30_000);
    expect(done.status, done.error ?? '').toBe('verified');
    await waitFor(async () => pushed.second.some((e) => e.id === started.json.id && e.env === 'second') || undefined, 'the backup pushed to the second engine\'s page');
    for (const s of pages) s.close();
    expect(pushed.local.filter((e) => e.id === started.json.id)).toEqual([]);
    expect(pushed.second.filter((e) => e.id === started.json.id).every((e) => e.env === 'second')).toBe(true);
    const own = (await admin.get('/api/backups?env=second')).json as { id: number }[];
    expect(own.map((b) => b.id)).toContain(started.json.id);
    const onDefault = (await admin.get('/api/backups')).json as { id: number }[];
    expect(onDefault.map((b) => b.id)).not.toContain(started.json.id);
    // a restore is refused from another environment than the backup's
    const wrong = await admin.post(`/api/backups/${started.json.id}/restore`, { mode: 'same', confirm: `volume:${vol}` });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error).toMatch(/environment second/);
  });

  it('marks a stopped engine unreachable while the others answer quickly, and recovers by itself', async () => {
    // The same requests before and after: a dead engine may add nothing noticeable to the others' answers. The
    // bound is relative to this moment's own speed, so a machine loaded by other suites does not fail it, while
    // a request that waited on the dead engine (a connect or read timeout: seconds) still would.
    const p95OfRounds = async () => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        expect((await admin.get('/api/stacks')).status).toBe(200);
        expect((await admin.get('/api/stacks?env=secure')).status).toBe(200);
        times.push(performance.now() - t);
      }
      times.sort((x, y) => x - y);
      return times[Math.floor(times.length * 0.95)];
    };
    const before = await p95OfRounds();
    await second.stop();
    try {
      await waitFor(async () => (await envs()).find((e) => e.name === 'second')?.reachable === false, 'second marked unreachable', 15_000);
      const during = await p95OfRounds();
      console.log(`two stacks listings, p95: ${before.toFixed(0)} ms with every engine up, ${during.toFixed(0)} ms with one stopped`);
      expect(during).toBeLessThan(Math.max(1000, 3 * before));
      const list = await envs();
      expect(list.find((e) => e.name === 'secure')?.reachable).toBe(true);
      expect(list.find((e) => e.name === 'second')?.error).toBeTruthy();
    } finally {
      // whatever happened above, the engine comes back: the tests after this one use it
      await second.start();
    }
    await waitFor(async () => (await envs()).find((e) => e.name === 'second')?.reachable === true, 'second reachable again', 30_000);
    const after = (await admin.get('/api/containers?env=second')).json as ContainerSummary[];
    expect(after.some((c) => c.name === `${project}-web-1`)).toBe(true);
  }, 120_000);

  it('lets admins add and remove environments on the settings page, audited; others may not', async () => {
    const operator = await clientWithRole(server.url, 'operator');
    expect((await operator.post('/api/environments', { name: 'extra', url: second.url })).status).toBe(403);
    expect((await admin.post('/api/environments', { name: 'Bad Name', url: second.url })).status).toBe(400);
    expect((await admin.post('/api/environments', { name: 'extra', url: 'http://evil' })).status).toBe(400);
    expect((await admin.post('/api/environments', { name: 'second', url: second.url })).status).toBe(409);

    const added = await admin.post('/api/environments', { name: 'extra', url: second.url });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ name: 'extra', source: 'settings' });
    await waitFor(async () => (await envs()).find((e) => e.name === 'extra')?.reachable, 'extra reachable');
    await waitFor(async () => ((await admin.get('/api/stacks?env=extra')).json as StackSummary[]).some((s) => s.name === project), 'extra lists the project');

    expect((await admin.req('DELETE', '/api/environments/second')).status).toBe(409); // from SLIPWAY_ENVIRONMENTS
    expect((await admin.req('DELETE', '/api/environments/extra')).status).toBe(200);
    expect((await envs()).map((e) => e.name)).not.toContain('extra');
    expect((await admin.get('/api/stacks?env=extra')).status).toBe(404);
    const audit = (await admin.get('/api/audit?limit=50')).json as { entries?: { action: string; target: string }[] } | { action: string; target: string }[];
    const entries = Array.isArray(audit) ? audit : (audit.entries ?? []);
    expect(entries.map((e) => `${e.action} ${e.target}`)).toEqual(expect.arrayContaining(['environment.add extra', 'environment.remove extra']));
  });

  it('records the environment of each audit entry and filters the log by ?env= (issue 16)', async () => {
    const id = await runIn(second, 'audited', ['sleep', '3600']);
    await waitFor(async () => (await admin.get(`/api/containers/${id}?env=second`)).status === 200, 'audited known on second');
    expect((await admin.post(`/api/containers/${id}/pause?env=second`, {})).status).toBe(200);
    expect((await admin.post(`/api/containers/${id}/unpause?env=second`, {})).status).toBe(200);
    const name = `${project}-audited-1`;
    type Row = { action: string; target: string | null; env: string | null };
    const mine = (rows: Row[]) => rows.filter((e) => e.target === name).map((e) => `${e.action}@${e.env}`);
    // every environment's entries without ?env=, each naming where it happened
    expect(mine((await admin.get(`/api/audit?target=${name}`)).json as Row[])).toEqual(['container.unpause@second', 'container.pause@second']);
    expect(mine((await admin.get(`/api/audit?target=${name}&env=second`)).json as Row[])).toEqual(['container.unpause@second', 'container.pause@second']);
    expect(mine((await admin.get(`/api/audit?target=${name}&env=secure`)).json as Row[])).toEqual([]);
    expect(mine((await admin.get(`/api/audit?target=${name}&env=local`)).json as Row[])).toEqual([]);
    expect((await admin.get('/api/audit?env=nowhere')).status).toBe(404);
    // the same filter on the export
    const jsonl = (await admin.get(`/api/audit/export?target=${name}&format=jsonl&env=second`)).text.trim().split('\n').map((l) => JSON.parse(l) as Row);
    expect(jsonl.map((e) => e.env)).toEqual(['second', 'second']);
  });

  it('stops what ran for a removed environment: its sockets are disconnected and their log streams end (issue 16)', async () => {
    const id = await runIn(second, 'chatter', ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "chatter $i"; sleep 0.2; done']);
    expect((await admin.post('/api/environments', { name: 'spare', url: second.url })).status).toBe(200);
    await waitFor(async () => (await admin.get(`/api/containers/${id}?env=spare`)).status === 200, 'chatter known on spare');
    const socket = await connectSocket(server.url, { cookie: admin.cookie, origin: server.url, env: 'spare' });
    const ended = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    try {
      let lines = 0;
      socket.on('logs:lines', (e: LogsLinesEvent) => (lines += e.lines.length));
      expect((await emitAck<{ ok: boolean }>(socket, 'logs:subscribe', { containerId: id, tail: 1 })).ok).toBe(true);
      await waitFor(async () => lines > 0, 'chatter lines through spare');

      expect((await admin.req('DELETE', '/api/environments/spare')).status).toBe(200);
      // the server ends the connection (socket.io's reason for a server-side disconnect), which ends its log subscription
      expect(await ended).toBe('io server disconnect');
      await expect(connectSocket(server.url, { cookie: admin.cookie, origin: server.url, env: 'spare' })).rejects.toThrow(/unknown environment/);
      // the same engine under its configured name is untouched
      await waitFor(async () => (await admin.get(`/api/containers/${id}?env=second`)).status === 200, 'chatter still known on second');
    } finally {
      socket.close();
    }
  });
});
