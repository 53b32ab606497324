// The events timeline (issue 18) on the real engine: Docker's container events stored with their stack,
// service and exit code, a stack operation's end, probe transitions without the probe's body, filters
// and time bounds, bad input as 400, and `event:new` reaching only the sockets of the event's environment.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { BUSYBOX, createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { connectSocket } from '../support/sockets';

interface Ev { id: number; at: string; env: string; project: string | null; service: string | null; container: string | null; kind: string; severity: string; summary: string; detail: Record<string, unknown> | null }

const base = inject('slipwayUrl');
const project = uniqueProject('swt-evt');
const stack = `swt-evs-${crypto.randomBytes(3).toString('hex')}`;
const mirror = `evm-${crypto.randomBytes(3).toString('hex')}`;
const SECRET = `BODY-${crypto.randomBytes(6).toString('hex')}`;
const probePort = 20000 + Math.floor(Math.random() * 9999);
let admin: Client;
let viewer: Client;
let localSocket: Socket;
let mirrorSocket: Socket;
const pushedLocal: Ev[] = [];
const pushedMirror: Ev[] = [];
const done = new Map<string, { status: string }>();
let mirrorAdded = false;

const events = async (query: string) => {
  const r = await viewer.get(`/api/events?${query}`);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as Ev[];
};

beforeAll(async () => {
  admin = await adminClient(base);
  viewer = await clientWithRole(base, 'viewer');
  // a second environment on the same engine: every container event happens in both, each stored and pushed as its own
  const added = await admin.post('/api/environments', { name: mirror, url: 'unix:///var/run/docker.sock' });
  expect([200, 201], JSON.stringify(added.json)).toContain(added.status);
  mirrorAdded = true;
  localSocket = await connectSocket(base, { cookie: viewer.cookie, origin: base });
  mirrorSocket = await connectSocket(base, { cookie: viewer.cookie, origin: base, env: mirror });
  localSocket.on('event:new', (e: Ev) => pushedLocal.push(e));
  mirrorSocket.on('event:new', (e: Ev) => pushedMirror.push(e));
  localSocket.on('operation:done', (e: { id: string; status: string }) => done.set(e.id, e));
  await waitFor(async () => ((await admin.get('/api/environments')).json as { name: string; reachable: boolean }[]).find((e) => e.name === mirror)?.reachable, 'mirror environment reachable', 30_000);
});

afterAll(async () => {
  localSocket?.close();
  mirrorSocket?.close();
  await removeProject(project);
  await admin?.post(`/api/stacks/${stack}/operations`, { action: 'down', confirm: stack }).catch(() => undefined);
  await removeProject(stack);
  await admin?.req('DELETE', `/api/stacks/${stack}`, { confirm: stack }).catch(() => undefined);
  if (mirrorAdded) await admin?.req('DELETE', `/api/environments/${mirror}`).catch(() => undefined);
});

describe('events', () => {
  it('stores a container that dies with exit 3 as container.die with exitCode 3, pushed to its environment only', async () => {
    await createTestContainer({ project, service: 'crash', cmd: ['sh', '-c', 'sleep 0.5; exit 3'] });
    const die = await waitFor(async () => (await events(`env=local&project=${project}&kind=container.die`))[0], 'container.die stored', 20_000);
    expect(die).toMatchObject({ env: 'local', project, service: 'crash', container: `${project}-crash-1`, kind: 'container.die' });
    expect(die.detail?.exitCode).toBe(3);
    expect(Date.parse(die.at)).toBeGreaterThan(Date.now() - 60_000);
    const start = (await events(`env=local&project=${project}&kind=container.start`))[0];
    expect(start).toMatchObject({ service: 'crash', kind: 'container.start' });

    // each environment's sockets hear their own copy, never the other's
    await waitFor(async () => pushedLocal.find((e) => e.kind === 'container.die' && e.project === project), 'event:new on the local socket');
    await waitFor(async () => pushedMirror.find((e) => e.kind === 'container.die' && e.project === project), 'event:new on the mirror socket');
    expect(pushedLocal.find((e) => e.kind === 'container.die' && e.project === project)?.detail?.exitCode).toBe(3);
    expect(pushedLocal.every((e) => e.env === 'local')).toBe(true);
    expect(pushedMirror.every((e) => e.env === mirror)).toBe(true);
    const mirrored = await events(`env=${mirror}&project=${project}&kind=container.die`);
    expect(mirrored.map((e) => e.detail?.exitCode)).toEqual([3]);
  });

  it('filters by project, service, kind (names and prefixes) and since/until', async () => {
    await createTestContainer({ project, service: 'calm', cmd: ['sleep', '3600'] });
    await waitFor(async () => (await events(`env=local&project=${project}&service=calm`)).length > 0, 'calm start stored');
    const calm = await events(`env=local&project=${project}&service=calm`);
    expect(calm.map((e) => e.kind)).toEqual(['container.start']);
    const all = await events(`env=local&project=${project}`);
    expect(new Set(all.map((e) => e.service))).toEqual(new Set(['crash', 'calm']));
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse()); // newest first
    expect((await events(`env=local&project=${project}&kind=container.`)).length).toBe(all.length);
    expect((await events(`env=local&project=${project}&kind=container.die,container.stop`)).map((e) => e.kind)).toEqual(['container.die']);
    expect((await events(`env=local&project=${project}&kind=backup.`)).length).toBe(0);
    expect((await events(`env=local&project=${project}&since=10m`)).length).toBe(all.length);
    expect((await events(`env=local&project=${project}&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).length).toBe(0);
    expect((await events(`env=local&project=${project}&until=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).length).toBe(0);
    expect((await events(`env=local&project=${project}&limit=1`)).length).toBe(1);
    // without env: every environment's events
    const both = await events(`project=${project}&kind=container.die`);
    expect(new Set(both.map((e) => e.env))).toEqual(new Set(['local', mirror]));
  });

  it('answers bad input with a 400 naming the parameter, an unknown environment with 404', async () => {
    for (const q of ['since=yesterday', 'until=12x', 'since=1m&until=2h', 'kind=DROP%20TABLE', 'limit=0', 'limit=100001', 'since=999999999d']) {
      const r = await viewer.get(`/api/events?${q}`);
      expect(r.status, q).toBe(400);
      expect(typeof (r.json as { error?: string }).error, q).toBe('string');
    }
    expect((await viewer.get('/api/events?env=nope-never')).status).toBe(404);
  });

  it('records a stack operation when it ends, and the user action from the audit log', async () => {
    const compose = `services:\n  app:\n    image: ${BUSYBOX}\n    command: ["sleep", "3600"]\n    network_mode: host\n    stop_signal: SIGKILL\n`;
    expect((await admin.post('/api/stacks', { name: stack, compose })).status).toBe(201);
    const r = await admin.post(`/api/stacks/${stack}/operations`, { action: 'deploy' });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    const id = (r.json as { id: string }).id;
    await waitFor(async () => done.get(id), 'operation done', 60_000);
    const op = await waitFor(async () => (await events(`env=local&project=${stack}&kind=stack.operation`))[0], 'stack.operation stored');
    expect(op).toMatchObject({ project: stack, kind: 'stack.operation', severity: 'info' });
    expect(op.detail).toMatchObject({ operation: id, action: 'deploy', status: 'succeeded', exitCode: 0 });
    const user = await waitFor(async () => (await events(`project=${stack}&kind=user.action`)).find((e) => e.detail?.action === 'stack.deploy'), 'user.action stored');
    expect(user.detail).toMatchObject({ username: 'admin', result: 'ok' });
    // the containers compose started are on the stack's lane too
    await waitFor(async () => (await events(`env=local&project=${stack}&service=app&kind=container.start`)).length > 0, 'container.start of the stack');
  });

  it('counts error-level lines per minute for a running container nobody watches, and nothing else', async () => {
    // each USR1 writes 7 ERROR lines, 1 JSON fatal line (8 errors) and 7 info/warn lines (not errors)
    const batch = 'for i in 1 2 3 4 5 6 7; do echo "ERROR boom $i"; echo "level=info fine $i"; done; echo \'{"level":"fatal","msg":"x"}\'; echo "WARN almost"';
    const c = await createTestContainer({ project, service: 'noisy', cmd: ['sh', '-c', `trap '${batch.replace(/'/g, "'\\''")}' USR1; while :; do sleep 0.2; done`] });
    const total = async () => {
      const r = await viewer.get(`/api/events/error-rate?project=${project}&service=noisy&since=1h`);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      const points = r.json as { container: string; service: string; project: string; minute: string; count: number }[];
      for (const p of points) expect(p).toMatchObject({ container: c.name, service: 'noisy', project });
      return points.reduce((n, p) => n + p.count, 0);
    };
    // until the counter follows it: signal once a second until a batch is counted
    const base = await waitFor(async () => {
      const n = await total();
      if (n > 0) return n;
      await docker.getContainer(c.id).kill({ signal: 'SIGUSR1' });
      return undefined;
    }, 'first batch counted', 30_000, 1000);
    await waitFor(async () => (await total()) === base, 'count settles');
    await docker.getContainer(c.id).kill({ signal: 'SIGUSR1' });
    await waitFor(async () => (await total()) === base + 8, 'one more batch: exactly 8 more', 20_000);
    expect((await viewer.get('/api/events/error-rate?since=nonsense')).status).toBe(400);
  });

  it('counts the error lines a container writes at start, before the counter attaches, exactly once, also across a restart', async () => {
    // 12 ERROR lines (and 12 info lines, not errors) the moment it starts, then quiet
    const N = 12;
    const c = await createTestContainer({ project, service: 'early', cmd: ['sh', '-c', `for i in $(seq 1 ${N}); do echo "ERROR early $i"; echo "level=info fine $i"; done; exec sleep 3600`] });
    const total = async () => {
      const r = await viewer.get(`/api/events/error-rate?project=${project}&service=early&since=1h`);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return (r.json as { count: number }[]).reduce((n, p) => n + p.count, 0);
    };
    await waitFor(async () => (await total()) === N, `exactly ${N} error lines counted`, 20_000);
    // started again: its first lines come again, the ones counted before are not counted twice
    await docker.getContainer(c.id).restart({ t: 0 });
    await waitFor(async () => (await total()) === 2 * N, `exactly ${2 * N} after the restart`, 20_000);
    // killed and started again (the counter let go when the stream ended and attaches anew): still exact
    await docker.getContainer(c.id).kill({ signal: 'SIGKILL' });
    await docker.getContainer(c.id).start();
    await waitFor(async () => (await total()) === 3 * N, `exactly ${3 * N} after a kill and start`, 20_000);
  });

  it('records probe transitions without anything from the probe body', async () => {
    // the probe answers ok, then (3 s later) 200 with a failing status word and a secret in its body
    await createTestContainer({
      project, service: 'probed',
      cmd: ['sh', '-c', `mkdir -p /www; echo '{"status":"ok"}' > /www/health; (sleep 3; echo '{"status":"down","token":"${SECRET}"}' > /www/health) & exec httpd -f -p 127.0.0.1:${probePort} -h /www`],
      labels: { 'slipway.probe.health': `http://127.0.0.1:${probePort}/health`, 'slipway.probe.interval': '1000ms', 'slipway.probe.timeout': '800ms' },
    });
    // (a first round before httpd listens may fail without an answer: the one that read the body counts)
    const failed = await waitFor(async () => (await events(`env=local&project=${project}&service=probed&kind=probe.failed`)).find((e) => e.detail?.statusCode === 200), 'probe.failed with an answer stored', 30_000);
    expect(failed.detail).toMatchObject({ probe: 'health', statusCode: 200, error: 'status "down"' });
    const all = JSON.stringify(await events(`project=${project}&limit=1000`)) + JSON.stringify(pushedLocal) + JSON.stringify(pushedMirror);
    expect(all).not.toContain(SECRET);
  });
});
