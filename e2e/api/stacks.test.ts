// Stacks you can run (issue 13) on the real engine: Slipway's own stacks (create, validate, deploy, scale,
// edit, history, drift, down, delete), adopted stacks started by hand with several -f files, roles, and
// bad input (invalid compose, failing up, files deleted behind Slipway's back, path escapes).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Socket } from 'socket.io-client';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { connectSocket } from '../support/sockets';
import { BUSYBOX, createTestContainer, docker, removeProject } from '../support/containers';

const base = inject('slipwayUrl');
const tag = crypto.randomBytes(3).toString('hex');
const own = `swt-stk-${tag}`;
const adopted = `swt-adp-${tag}`;
const cleanup: string[] = [];
let admin: Client;
let operator: Client;
let viewer: Client;
let socket: Socket;
const outputs = new Map<string, string>();
const done = new Map<string, { status: string; exitCode: number }>();

const service = (name: string, extra = '', command = '["sleep", "3600"]') => `  ${name}:
    image: ${BUSYBOX}
    command: ${command}
    network_mode: host
    stop_signal: SIGKILL
${extra}`;
const COMPOSE = `services:\n${service('web', '    environment:\n      GREETING: hello\n')}${service('worker', '', '["sh", "-c", "n=$$((1 + 1)); exec sleep 3600"]')}volumes:\n  data: {}\n`;

async function runOp(client: Client, name: string, body: Record<string, unknown>, pathSuffix = 'operations') {
  const r = await client.post(`/api/stacks/${name}/${pathSuffix}`, body);
  expect(r.status, JSON.stringify(r.json)).toBe(202);
  const id = r.json.id as string;
  const result = await waitFor(async () => done.get(id), `operation ${id} done`, 60_000);
  return { id, ...result };
}

const stackOf = async (name: string) => ((await admin.get('/api/stacks')).json as { name: string; [k: string]: unknown }[]).find((s) => s.name === name);

beforeAll(async () => {
  admin = await adminClient(base);
  [operator, viewer] = await Promise.all([clientWithRole(base, 'operator'), clientWithRole(base, 'viewer')]);
  // a viewer's socket: operation output reaches every signed-in socket of the environment
  socket = await connectSocket(base, { cookie: viewer.cookie, origin: base });
  socket.on('operation:output', (e: { id: string; data: string }) => outputs.set(e.id, (outputs.get(e.id) ?? '') + e.data));
  socket.on('operation:done', (e: { id: string; status: string; exitCode: number }) => done.set(e.id, e));
});

afterAll(async () => {
  socket?.close();
  for (const p of [own, adopted, `${own}-bad`, `${own}-gone`]) await removeProject(p);
  for (const v of await docker.listVolumes({ filters: { label: [`com.docker.compose.project=${own}`] } }).then((r) => r.Volumes ?? []))
    await docker.getVolume(v.Name).remove().catch(() => undefined);
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

describe('own stacks', () => {
  it('refuses a bad name, an invalid file (with its line, nothing written) and paths that leave the folder', async () => {
    expect((await admin.post('/api/stacks', { name: '../etc', compose: COMPOSE })).status).toBe(400);
    expect((await admin.post('/api/stacks', { name: 'UPPER', compose: COMPOSE })).status).toBe(400);
    const broken = await admin.post('/api/stacks', { name: `${own}-bad`, compose: 'services:\n  web:\n    image: x\n   bad: [\n' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatch(/line/i);
    expect(broken.json.line).toBeGreaterThanOrEqual(3);
    expect(await stackOf(`${own}-bad`)).toBeUndefined();
    const escape = await admin.post('/api/stacks', { name: `${own}-bad`, compose: `services:\n${service('web', '    env_file: ../../secrets.env\n')}` });
    expect(escape.status).toBe(400);
    expect(escape.json.error).toMatch(/leaves the stack folder/);
    expect(escape.json.line).toBe(7);
    expect(await stackOf(`${own}-bad`)).toBeUndefined();
  });

  it('creates a stack (admin only), listed as managed and not deployed', async () => {
    expect((await operator.post('/api/stacks', { name: own, compose: COMPOSE })).status).toBe(403);
    const r = await admin.post('/api/stacks', { name: own, compose: COMPOSE, env: 'SECRET_TOKEN=s3cr3t\n' });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.name).toBe(own);
    expect(fs.readFileSync(path.join(r.json.dir, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
    expect((await admin.post('/api/stacks', { name: own, compose: COMPOSE })).status).toBe(409);
    const s = await stackOf(own);
    expect(s).toMatchObject({ deployed: false, managed: true, dir: r.json.dir, files: ['compose.yaml', '.env'] });
  });

  it('shows files to viewers without .env values; admins see them', async () => {
    const v = await viewer.get(`/api/stacks/${own}/files`);
    expect(v.status).toBe(200);
    expect(v.json.compose).toBe(COMPOSE);
    expect(v.json.env).toBeNull();
    expect(v.text).not.toContain('s3cr3t');
    const a = await admin.get(`/api/stacks/${own}/files`);
    expect(a.json.env).toBe('SECRET_TOKEN=s3cr3t\n');
    expect((await viewer.get(`/api/stacks/${own}/files?file=../../etc/passwd`)).status).toBe(404);
  });

  it('deploys with output streamed to sockets, one operation at a time, and keeps it in the store', async () => {
    expect((await viewer.post(`/api/stacks/${own}/operations`, { action: 'deploy' })).status).toBe(403);
    expect((await operator.post(`/api/stacks/${own}/operations`, { action: 'explode' })).status).toBe(400);
    const first = await operator.post(`/api/stacks/${own}/operations`, { action: 'deploy' });
    expect(first.status).toBe(202);
    const second = await operator.post(`/api/stacks/${own}/operations`, { action: 'restart' });
    expect(second.status).toBe(409);
    const result = await waitFor(async () => done.get(first.json.id), 'deploy done', 60_000);
    expect(result).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(outputs.get(first.json.id)).toMatch(/Creating|Created|Started/);
    const op = (await viewer.get(`/api/operations/${first.json.id}`)).json;
    expect(op).toMatchObject({ stack: own, action: 'deploy', status: 'succeeded', exitCode: 0, by: operator.cookie ? expect.any(String) : '' });
    expect(op.output).toContain(outputs.get(first.json.id)!.slice(-20));
    expect(op.changed.map((c: { name: string }) => c.name).sort()).toEqual([`${own}_web_1`, `${own}_worker_1`]);
    const list = (await viewer.get(`/api/stacks/${own}/operations`)).json;
    expect(list[0].id).toBe(first.json.id);
    const s = await waitFor(async () => {
      const x = await stackOf(own);
      return x?.deployed && x.state === 'running' ? x : undefined;
    }, 'stack running in the list');
    expect(s.managed).toBe(true);
  });

  it('scales a service and restarts one service', async () => {
    expect((await viewer.post(`/api/stacks/${own}/services/worker/scale`, { replicas: 3 })).status).toBe(403);
    expect((await operator.post(`/api/stacks/${own}/services/worker/scale`, { replicas: -1 })).status).toBe(400);
    const scaled = await runOp(operator, own, { replicas: 3 }, 'services/worker/scale');
    expect(scaled.status).toBe('succeeded');
    const running = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${own}`, 'com.docker.compose.service=worker'] } });
    expect(running).toHaveLength(3);
    const restarted = await runOp(operator, own, { action: 'restart', service: 'web' });
    expect(restarted.status).toBe('succeeded');
    expect(outputs.get(restarted.id)).toMatch(/Restarting/);
  });

  it('refuses an invalid edit with the line and writes nothing; a valid edit keeps the old version, restorable', async () => {
    const dir = (await stackOf(own))!.dir as string;
    const invalid = await admin.req('PUT', `/api/stacks/${own}/files`, { compose: COMPOSE.replace('    network_mode: host\n', '    ports: "oops"\n    network_mode: host\n') });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatch(/ports/);
    expect(invalid.json.line).toBe(5);
    expect(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
    expect(fs.readdirSync(dir).sort()).toEqual(['.env', 'compose.yaml']);
    expect((await operator.req('PUT', `/api/stacks/${own}/files`, { compose: COMPOSE })).status).toBe(403);
    const edited = COMPOSE.replace('GREETING: hello', 'GREETING: bonjour');
    const ok = await admin.req('PUT', `/api/stacks/${own}/files`, { compose: edited });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe(edited);
    const history = (await admin.get(`/api/stacks/${own}/files/history`)).json;
    const previous = history.find((h: { file: string; content: string }) => h.file === 'compose.yaml' && h.content === COMPOSE);
    expect(previous).toBeTruthy();
    // drift: the running web container still says hello
    const detail = (await viewer.get(`/api/stacks/${own}`)).json;
    expect(detail.drift.web).toMatchObject({ inSync: false });
    expect(detail.drift.web.reasons).toContain('env');
    // a `$$` (compose's escaped `$`) in a command is not drift: the container holds `$`
    expect(detail.drift.worker).toMatchObject({ inSync: true });
    expect(detail.cli.command).toMatch(/compose/);
    const applied = await runOp(operator, own, { action: 'deploy', service: 'web' });
    expect(applied.status).toBe('succeeded');
    expect((await viewer.get(`/api/stacks/${own}`)).json.drift.web).toEqual({ inSync: true, reasons: [] });
    // restore the first version
    const restored = await admin.post(`/api/stacks/${own}/files/history/${previous.version}/restore`);
    expect(restored.status).toBe(200);
    expect(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
  });

  it('down needs the typed name; volumes go only when asked; delete only after down', async () => {
    expect((await operator.post(`/api/stacks/${own}/operations`, { action: 'down' })).status).toBe(400);
    expect((await operator.post(`/api/stacks/${own}/operations`, { action: 'down', confirm: 'nope' })).status).toBe(400);
    expect((await operator.post(`/api/stacks/${own}/operations`, { action: 'stop', removeVolumes: true })).status).toBe(400);
    expect((await admin.req('DELETE', `/api/stacks/${own}`, { confirm: own })).status).toBe(409);
    // the named volume exists once a deploy created it
    const volume = `${own}_data`;
    const down = await runOp(operator, own, { action: 'down', confirm: own });
    expect(down.status).toBe('succeeded');
    expect((await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${own}`] } })).length).toBe(0);
    expect(await docker.getVolume(volume).inspect().then(() => true, () => false)).toBe(true);
    await waitFor(async () => (await stackOf(own))?.deployed === false, 'listed as not deployed');
    // volumes only by the separate choice
    expect((await runOp(operator, own, { action: 'down', confirm: own, removeVolumes: true })).status).toBe('succeeded');
    expect(await docker.getVolume(volume).inspect().then(() => true, () => false)).toBe(false);
    const dir = (await stackOf(own))!.dir as string;
    expect((await operator.req('DELETE', `/api/stacks/${own}`, { confirm: own })).status).toBe(403);
    expect((await admin.req('DELETE', `/api/stacks/${own}`, { confirm: 'nope' })).status).toBe(400);
    const del = await admin.req('DELETE', `/api/stacks/${own}`, { confirm: own });
    expect(del.status).toBe(200);
    expect(fs.existsSync(dir)).toBe(false);
    expect(await stackOf(own)).toBeUndefined();
  });
});

describe('bad input on the engine', () => {
  it('a failing up ends as failed and says what compose left running', async () => {
    const name = `${own}-bad`;
    const compose = `services:\n${service('good')}  missing:\n    image: slipway-test/missing-${tag}:1\n    network_mode: host\n`;
    const created = await admin.post('/api/stacks', { name, compose });
    expect(created.status).toBe(201);
    const r = await runOp(operator, name, { action: 'deploy' });
    expect(r.status).toBe('failed');
    expect(r.exitCode).not.toBe(0);
    const op = (await viewer.get(`/api/operations/${r.id}`)).json;
    expect(op.status).toBe('failed');
    expect(Array.isArray(op.leftRunning)).toBe(true);
    expect(op.output).toMatch(/left running: /);
    expect(op.output).toMatch(new RegExp(`missing-${tag}`));
    await runOp(operator, name, { action: 'down', confirm: name });
    expect((await admin.req('DELETE', `/api/stacks/${name}`, { confirm: name })).status).toBe(200);
  });

  it('a stack folder deleted behind Slipway\'s back shows "files missing"', async () => {
    const name = `${own}-gone`;
    const created = await admin.post('/api/stacks', { name, compose: `services:\n${service('web')}` });
    expect(created.status).toBe(201);
    expect((await runOp(operator, name, { action: 'deploy' })).status).toBe('succeeded');
    fs.rmSync(created.json.dir, { recursive: true, force: true });
    const s = await stackOf(name);
    expect(s).toMatchObject({ filesMissing: true, deployed: true });
    const refused = await operator.post(`/api/stacks/${name}/operations`, { action: 'restart' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatch(/files missing/);
    expect((await viewer.get(`/api/stacks/${name}/files`)).status).toBe(404);
    await removeProject(name);
  });

  it('never serves a file the labels name when it is not a compose or env file, or a symlink out of shape', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swt-escape-'));
    cleanup.push(dir);
    fs.symlinkSync('/etc/passwd', path.join(dir, 'compose.yaml'));
    const project = `swt-esc-${tag}`;
    const labels = (files: string) => ({ 'com.docker.compose.project.working_dir': dir, 'com.docker.compose.project.config_files': files });
    await createTestContainer({ project, service: 'a', cmd: ['sleep', '3600'], labels: labels('/etc/passwd') });
    try {
      await waitFor(async () => (await stackOf(project)) !== undefined, 'escape project listed');
      const r = await viewer.get(`/api/stacks/${project}/files`);
      expect(r.status).toBe(403);
      expect(r.text).not.toContain('root:');
      await removeProject(project);
      await createTestContainer({ project, service: 'a', cmd: ['sleep', '3600'], labels: labels('compose.yaml') });
      await waitFor(async () => ((await stackOf(project))?.files as string[] | undefined)?.includes('compose.yaml'), 'symlink project listed');
      const viaLink = await viewer.get(`/api/stacks/${project}/files`);
      expect(viaLink.status).toBe(403);
      expect(viaLink.text).not.toContain('root:');
      expect((await viewer.get(`/api/stacks/${project}/files?file=${encodeURIComponent('../../../etc/passwd')}`)).status).toBe(404);
      expect((await admin.req('PUT', `/api/stacks/${project}/files`, { compose: 'services: {}\n' })).status).toBe(403);
      expect(fs.readFileSync('/etc/passwd', 'utf8')).toContain('root:');
    } finally {
      await removeProject(project);
    }
  });
});

describe('adopted stacks', () => {
  it('adopts a stack started by hand with two -f files and env_file ../.env, and runs operations on it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'swt-adopt-'));
    cleanup.push(root);
    const dir = path.join(root, 'deploy');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(root, '.env'), 'FROM_PARENT=yes\n');
    fs.writeFileSync(path.join(dir, '.env'), 'TAG=1\n');
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), `services:\n  app:\n    image: slipway/busybox:\${TAG}\n    command: ["sleep", "3600"]\n    network_mode: host\n    stop_signal: SIGKILL\n    env_file: ../.env\n`);
    fs.writeFileSync(path.join(dir, 'docker-compose.prod.yml'), `services:\n  app:\n    environment:\n      MODE: prod\n`);
    execFileSync('docker-compose', ['-p', adopted, '-f', 'docker-compose.yml', '-f', 'docker-compose.prod.yml', 'up', '-d'], { cwd: dir, stdio: 'ignore' });
    const s = await waitFor(async () => {
      const x = await stackOf(adopted);
      return x?.state === 'running' ? x : undefined;
    }, 'adopted stack listed');
    expect(s).toMatchObject({ deployed: true, managed: false, dir, files: ['docker-compose.yml', 'docker-compose.prod.yml', '.env'] });
    const prod = await viewer.get(`/api/stacks/${adopted}/files?file=docker-compose.prod.yml`);
    expect(prod.status).toBe(200);
    expect(prod.json.compose).toContain('MODE: prod');
    expect(prod.json.composeFiles).toEqual(['docker-compose.yml', 'docker-compose.prod.yml']);
    const restart = await runOp(operator, adopted, { action: 'restart' });
    expect(restart.status).toBe('succeeded');
    const redeploy = await runOp(operator, adopted, { action: 'deploy' });
    expect(redeploy.status).toBe('succeeded');
    const env = (await docker.getContainer(`${adopted}_app_1`).inspect()).Config.Env;
    expect(env).toEqual(expect.arrayContaining(['FROM_PARENT=yes', 'MODE: prod'.replace(': ', '=')]));
    const detail = (await viewer.get(`/api/stacks/${adopted}`)).json;
    expect(detail.drift.app).toEqual({ inSync: true, reasons: [] });
    // brought down through Slipway: no containers (no labels) left, still listed from its files, deployable
    expect((await runOp(operator, adopted, { action: 'down', confirm: adopted })).status).toBe('succeeded');
    const down = await waitFor(async () => {
      const x = await stackOf(adopted);
      return x && x.deployed === false ? x : undefined;
    }, 'adopted stack listed as not deployed');
    expect(down).toMatchObject({ managed: false, dir, files: ['docker-compose.yml', 'docker-compose.prod.yml', '.env'] });
    expect((await runOp(operator, adopted, { action: 'deploy' })).status).toBe('succeeded');
    await waitFor(async () => (await stackOf(adopted))?.state === 'running', 'adopted stack running again');
    expect((await runOp(operator, adopted, { action: 'down', confirm: adopted })).status).toBe('succeeded');
    // deleting an adopted stack forgets it; its folder is not Slipway's
    await waitFor(async () => (await stackOf(adopted))?.deployed === false, 'down again');
    expect((await admin.req('DELETE', `/api/stacks/${adopted}`, { confirm: adopted })).status).toBe(200);
    expect(await stackOf(adopted)).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'docker-compose.prod.yml'))).toBe(true);
  });
});
