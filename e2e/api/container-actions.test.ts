// Issue 21 point 1 and 2 on the real engine: kill (with a signal), pause, unpause, rename, remove (typed
// confirmation, anonymous volumes) and recreate (plain containers from their inspect document; compose
// containers through compose), each audited and gated by role; the inspect document masked below admin.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { BUSYBOX, createTestContainer, docker, removeContainer, removeProject, uniqueProject } from '../support/containers';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-act');
const composeProject = `swt-actc-${crypto.randomBytes(3).toString('hex')}`;
const composeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swt-actc-'));
const extra: string[] = [];
let admin: Client;
let operator: Client;
let viewer: Client;

const engineState = async (id: string) => (await docker.getContainer(id).inspect()).State;
const known = (c: Client, ref: string) => waitFor(async () => (await c.get(`/api/containers/${ref}`)).status === 200, `${ref} known to Slipway`);
const audited = async (action: string, target: string, result = 'ok') =>
  ((await admin.get('/api/audit?limit=200')).json as { action: string; target: string; result: string }[]).some((e) => e.action === action && e.target === target && e.result === result);

beforeAll(async () => {
  admin = await adminClient(base);
  [operator, viewer] = await Promise.all([clientWithRole(base, 'operator'), clientWithRole(base, 'viewer')]);
});

afterAll(async () => {
  await removeProject(project);
  await removeProject(composeProject);
  for (const id of extra) await removeContainer(id);
  fs.rmSync(composeDir, { recursive: true, force: true });
});

describe('pause and unpause', () => {
  it('pauses and resumes a running container for an operator, refuses a viewer, audits both', async () => {
    const c = await createTestContainer({ project, service: 'pausy', cmd: ['sleep', '3600'] });
    await known(operator, c.name);
    expect((await viewer.post(`/api/containers/${c.name}/pause`)).status).toBe(403);
    expect((await engineState(c.id)).Paused).toBe(false);
    const paused = await operator.post(`/api/containers/${c.name}/pause`);
    expect(paused.status, JSON.stringify(paused.json)).toBe(200);
    expect(paused.json).toMatchObject({ id: c.id, state: 'paused' });
    expect((await engineState(c.id)).Paused).toBe(true);
    const resumed = await operator.post(`/api/containers/${c.name}/unpause`);
    expect(resumed.json).toMatchObject({ id: c.id, state: 'running' });
    expect((await engineState(c.id)).Paused).toBe(false);
    expect(await audited('container.pause', c.name)).toBe(true);
    expect(await audited('container.unpause', c.name)).toBe(true);
  });
});

describe('kill', () => {
  it('sends the chosen signal, which the process can trap', async () => {
    const c = await createTestContainer({ project, service: 'trap', cmd: ['sh', '-c', 'trap "exit 7" USR1; while true; do sleep 0.1; done'] });
    await known(operator, c.name);
    const r = await operator.post(`/api/containers/${c.name}/kill`, { signal: 'SIGUSR1' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const state = await waitFor(async () => ((await engineState(c.id)).Running ? undefined : engineState(c.id)), 'the trapped signal ends it');
    expect(state.ExitCode).toBe(7);
    expect(await audited('container.kill', c.name)).toBe(true);
  });

  it('kills with SIGKILL when no signal is given, and refuses signals outside the list', async () => {
    const c = await createTestContainer({ project, service: 'victim', cmd: ['sh', '-c', 'trap "" TERM; sleep 3600'] });
    await known(operator, c.name);
    for (const signal of ['SIGFOO', '9', 'KILL; rm -rf /', 9, ''])
      expect((await operator.post(`/api/containers/${c.name}/kill`, { signal })).status, String(signal)).toBe(400);
    expect((await operator.post(`/api/containers/${c.name}/kill`, '{not json')).status).toBe(400);
    expect((await engineState(c.id)).Running).toBe(true);
    expect((await viewer.post(`/api/containers/${c.name}/kill`)).status).toBe(403);
    const r = await operator.post(`/api/containers/${c.name}/kill`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.state).toBe('exited');
    expect((await engineState(c.id)).ExitCode).toBe(137);
    // killing a container that is not running is the engine's conflict, not a server error
    expect((await operator.post(`/api/containers/${c.name}/kill`)).status).toBe(409);
  });
});

describe('rename', () => {
  it('renames for an admin only, with a valid and free name', async () => {
    const c = await createTestContainer({ project, service: 'named', cmd: ['sleep', '3600'] });
    const other = await createTestContainer({ project, service: 'other', cmd: ['sleep', '3600'] });
    await known(admin, c.name);
    const to = `${project}-renamed`;
    expect((await operator.post(`/api/containers/${c.name}/rename`, { name: to })).status).toBe(403);
    for (const name of ['../x', '-lead', 'a b', '', 'x'.repeat(129), 'a/b'])
      expect((await admin.post(`/api/containers/${c.name}/rename`, { name })).status, name).toBe(400);
    expect((await admin.post(`/api/containers/${c.name}/rename`, { name: other.name })).status).toBe(409);
    expect((await docker.getContainer(c.id).inspect()).Name).toBe(`/${c.name}`);
    const r = await admin.post(`/api/containers/${c.name}/rename`, { name: to });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ id: c.id, name: to, state: 'running' });
    expect((await docker.getContainer(c.id).inspect()).Name).toBe(`/${to}`);
    expect(await audited('container.rename', c.name)).toBe(true);
  });
});

describe('remove', () => {
  it('removes a stopped container only, after the typed name, for an admin only', async () => {
    const c = await createTestContainer({ project, service: 'doomed', cmd: ['sleep', '3600'] });
    await known(admin, c.name);
    expect((await operator.req('DELETE', `/api/containers/${c.name}`, { confirm: c.name })).status).toBe(403);
    expect((await admin.req('DELETE', `/api/containers/${c.name}`, { confirm: c.name })).status).toBe(409); // running
    await docker.getContainer(c.id).kill();
    await waitFor(async () => (await admin.get(`/api/containers/${c.name}`)).json?.state === 'exited', 'stopped');
    expect((await admin.req('DELETE', `/api/containers/${c.name}`, { confirm: 'wrong' })).status).toBe(400);
    expect((await admin.req('DELETE', `/api/containers/${c.name}`)).status).toBe(400);
    expect((await admin.req('DELETE', `/api/containers/${c.name}`, { confirm: c.name, volumes: 'yes' })).status).toBe(400);
    expect((await engineState(c.id)).Status).toBe('exited');
    const r = await admin.req('DELETE', `/api/containers/${c.name}`, { confirm: c.name });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await expect(docker.getContainer(c.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await admin.get(`/api/containers/${c.name}`)).status).toBe(404);
    expect(await audited('container.remove', c.name)).toBe(true);
  });

  it('removes its anonymous volumes when asked', async () => {
    const name = `${project}-anon`;
    const created = await docker.createContainer({ name, Image: BUSYBOX, Cmd: ['true'], Volumes: { '/data': {} }, Labels: { 'com.docker.compose.project': project, 'slipway.test': '1' }, HostConfig: { NetworkMode: 'host' } });
    const vol = (await created.inspect()).Mounts.find((m) => m.Destination === '/data')!.Name!;
    await known(admin, name);
    const r = await admin.req('DELETE', `/api/containers/${name}`, { confirm: name, volumes: true });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await expect(docker.getVolume(vol).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('recreate', () => {
  it('makes a plain container again with the same name, config and anonymous volume data', async () => {
    const name = `${project}-plain`;
    const created = await docker.createContainer({
      name,
      Image: BUSYBOX,
      Cmd: ['sh', '-c', '[ -f /data/kept ] || echo first > /data/kept; sleep 3600'],
      Env: ['GREETING=hello'],
      Labels: { 'com.docker.compose.project': project, 'slipway.test': '1', 'my.label': 'x' },
      Volumes: { '/data': {} },
      StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: 'unless-stopped' } },
    });
    await created.start();
    await known(operator, name);
    await waitFor(async () => (await docker.getContainer(created.id).getArchive({ path: '/data/kept' }).then(() => true, () => false)), 'file written');
    expect((await viewer.post(`/api/containers/${name}/recreate`)).status).toBe(403);
    const r = await operator.post(`/api/containers/${name}/recreate`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    extra.push(r.json.id);
    expect(r.json.id).not.toBe(created.id);
    expect(r.json).toMatchObject({ name, state: 'running' });
    await expect(docker.getContainer(created.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const now = await docker.getContainer(r.json.id).inspect();
    expect(now.Name).toBe(`/${name}`);
    expect(now.Config.Env).toContain('GREETING=hello');
    expect(now.Config.Labels['my.label']).toBe('x');
    expect(now.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(now.Mounts.find((m) => m.Destination === '/data')?.Name).toBeTruthy();
    const out = execFileSync('docker', ['exec', name, 'cat', '/data/kept']).toString();
    expect(out).toBe('first\n');
    expect(await audited('container.recreate', name)).toBe(true);
    // no temporary container left behind
    expect((await docker.listContainers({ all: true })).some((c) => c.Names.some((n) => n.startsWith(`/${name}-recreate-`)))).toBe(false);
  });

  it('recreates a compose container through compose, which keeps owning it', async () => {
    fs.writeFileSync(path.join(composeDir, 'compose.yaml'), `services:\n  web:\n    image: ${BUSYBOX}\n    command: ["sleep", "3600"]\n    network_mode: host\n    stop_signal: SIGKILL\n    labels:\n      slipway.test: "1"\n`);
    execFileSync('docker-compose', ['-p', composeProject, '-f', 'compose.yaml', 'up', '-d'], { cwd: composeDir, stdio: 'pipe' });
    const before = (await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${composeProject}`] } }))[0];
    const name = before.Names[0].slice(1);
    await known(operator, name);
    const r = await operator.post(`/api/containers/${name}/recreate`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.id).not.toBe(before.Id);
    expect(r.json).toMatchObject({ name, state: 'running' });
    const after = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${composeProject}`] } });
    expect(after.map((c) => c.Id)).toEqual([r.json.id]);
    expect(after[0].Labels['com.docker.compose.service']).toBe('web');
    const audit = ((await admin.get('/api/audit?limit=100')).json as { action: string; target: string; detail: string | null }[]).find((e) => e.action === 'container.recreate' && e.target === name);
    expect(audit?.detail).toBe('via compose');
  });
});

describe('inspect', () => {
  it('gives the raw document, with env values and secret-looking labels masked below admin', async () => {
    const c = await createTestContainer({ project, service: 'secretive', cmd: ['sleep', '3600'], env: ['DB_PASSWORD=hunter2', 'PLAIN=visible'], labels: { 'app.api_key': 'k-123', 'app.colour': 'blue' } });
    await known(viewer, c.name);
    for (const client of [viewer, operator]) {
      const r = await client.get(`/api/containers/${c.name}/inspect`);
      expect(r.status).toBe(200);
      expect(r.json.Id).toBe(c.id);
      expect(r.text).not.toContain('hunter2');
      expect(r.text).not.toContain('visible');
      expect(r.text).not.toContain('k-123');
      expect(r.json.Config.Env).toContain('DB_PASSWORD=••••••');
      expect(r.json.Config.Labels['app.api_key']).toBe('••••••');
      expect(r.json.Config.Labels['app.colour']).toBe('blue');
    }
    const full = await admin.get(`/api/containers/${c.name}/inspect`);
    expect(full.json.Config.Env).toEqual(expect.arrayContaining(['DB_PASSWORD=hunter2', 'PLAIN=visible']));
    expect(full.json.Config.Labels['app.api_key']).toBe('k-123');
    expect((await viewer.get('/api/containers/no-such-container-here/inspect')).status).toBe(404);
    // the detail route must not hand out what inspect masks
    expect((await operator.get(`/api/containers/${c.name}`)).json.env).toBeNull();
    expect((await admin.get(`/api/containers/${c.name}`)).json.env).toContain('DB_PASSWORD=hunter2');
  });
});
