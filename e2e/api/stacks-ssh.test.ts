// Compose over SSH (issue 13 point 2): a stack's operations run against the engine of its environment, also
// an ssh:// one whose key lies in SLIPWAY_TLS_DIR (docker-compose v1 cannot use it: Slipway bridges). The
// sshd here runs on 127.0.0.1 and its far side reaches the shared engine, so the containers are checked
// there. An adopted stack of an ssh:// engine has its files on that host: Slipway says so.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, waitFor, type Client } from '../support/http';
import { BUSYBOX, docker, removeProject, uniqueProject } from '../support/containers';
import { startServer, type RunningServer } from '../support/slipway-server';
import { startSshServer, type SshServer } from '../support/ssh-server';

const PORT = Number(process.env.SLIPWAY_TEST_PORT ?? 3101) + 8;
const own = uniqueProject('swt-sshstk');
const adopted = uniqueProject('swt-sshadp');
let server: RunningServer;
let sshd: SshServer;
let admin: Client;
let tmp: string;
let adoptedDir: string;

const COMPOSE = `services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    network_mode: host
    stop_signal: SIGKILL
  worker:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    network_mode: host
    stop_signal: SIGKILL
`;

/** The folders of open ssh bridges in the server's own TMPDIR. */
const bridges = () => fs.readdirSync(tmp).filter((n) => n.startsWith('slipway-ssh-'));

async function operation(env: string, name: string, body: Record<string, unknown>) {
  const r = await admin.post(`/api/stacks/${name}/operations?env=${env}`, body);
  expect(r.status, JSON.stringify(r.json)).toBe(202);
  return waitFor(async () => {
    const op = (await admin.get(`/api/operations/${r.json.id}?env=${env}`)).json as { status: string; output: string; exitCode: number | null };
    return op.status !== 'running' ? op : undefined;
  }, `${body.action} of ${name} on ${env} to end`, 180_000);
}

const projectContainers = (project: string) => docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });

beforeAll(async () => {
  sshd = await startSshServer();
  const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sshtls-'));
  fs.cpSync(sshd.keyDir, path.join(tlsDir, 'lab'), { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sshtmp-'));
  // nokey: the same sshd without a key (and no agent): every login is refused
  const envs = `local=unix:///var/run/docker.sock,lab=ssh://root@127.0.0.1:${sshd.port},nokey=ssh://root@127.0.0.1:${sshd.port}`;
  server = await startServer({ port: PORT, env: { SLIPWAY_ENVIRONMENTS: envs, SLIPWAY_TLS_DIR: tlsDir, TMPDIR: tmp, SSH_AUTH_SOCK: '' } });
  admin = await adminClient(server.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  sshd?.stop();
  for (const p of [own, adopted]) await removeProject(p);
  if (adoptedDir) fs.rmSync(path.dirname(adoptedDir), { recursive: true, force: true });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('compose over ssh', () => {
  it('deploys a Slipway stack through an ssh:// environment with its key, then brings it down', async () => {
    expect((await admin.post('/api/stacks', { name: own, compose: COMPOSE })).status).toBe(201);
    const up = await operation('lab', own, { action: 'deploy' });
    expect(up.status, up.output).toBe('succeeded');
    const running = await projectContainers(own);
    expect(running.map((c) => c.Labels['com.docker.compose.service']).sort()).toEqual(['app', 'worker']);
    expect(running.every((c) => c.State === 'running')).toBe(true);
    // the environment lists it as deployed and managed (its files are Slipway's own)
    const listed = await waitFor(
      async () => ((await admin.get('/api/stacks?env=lab')).json as { name: string; deployed: boolean; managed: boolean; filesElsewhere: boolean }[]).find((s) => s.name === own && s.deployed),
      'the stack listed as deployed on lab',
    );
    expect(listed).toMatchObject({ managed: true, filesElsewhere: false });
    expect(bridges()).toEqual([]); // the bridge closed with the operation

    expect((await admin.post(`/api/stacks/${own}/operations?env=lab`, { action: 'down' })).status).toBe(400); // unconfirmed
    const down = await operation('lab', own, { action: 'down', confirm: own });
    expect(down.status, down.output).toBe('succeeded');
    expect(await projectContainers(own)).toEqual([]);
    expect(bridges()).toEqual([]);
  }, 240_000); // each connection compose makes is an SSH session; here root's .bashrc makes each take seconds

  it('fails an operation whose ssh login is refused, saying so, and leaves no bridge behind', async () => {
    const before = (await projectContainers(own)).map((c) => c.Id);
    const op = await operation('nokey', own, { action: 'deploy' });
    expect(op.status).toBe('failed');
    expect(op.output).toMatch(/ssh to root@127\.0\.0\.1:\d+: .*authentication/i);
    expect((await projectContainers(own)).map((c) => c.Id)).toEqual(before); // nothing created
    expect(bridges()).toEqual([]);
  });

  it('says an adopted stack’s files are on another host instead of reading a local path', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'swt-sshadopt-'));
    adoptedDir = path.join(root, 'app');
    fs.mkdirSync(adoptedDir);
    fs.writeFileSync(path.join(adoptedDir, 'docker-compose.yml'), COMPOSE);
    execFileSync('docker-compose', ['-p', adopted, 'up', '-d'], { cwd: adoptedDir, stdio: 'ignore' });
    type Item = { name: string; deployed: boolean; filesMissing: boolean; filesElsewhere: boolean; dir: string | null };
    const onLab = await waitFor(
      async () => ((await admin.get('/api/stacks?env=lab')).json as Item[]).find((s) => s.name === adopted && s.deployed),
      'the adopted stack listed on lab',
    );
    expect(onLab).toMatchObject({ filesElsewhere: true, filesMissing: true, dir: adoptedDir });
    const files = await admin.get(`/api/stacks/${adopted}/files?env=lab`);
    expect(files.status).toBe(409);
    expect(files.json.error).toMatch(/^files on another host/);
    const op = await admin.post(`/api/stacks/${adopted}/operations?env=lab`, { action: 'restart' });
    expect(op.status).toBe(409);
    expect(op.json.error).toMatch(/^files on another host/);
    // the same stack on the local engine reads its files as before
    const local = await waitFor(async () => ((await admin.get('/api/stacks')).json as Item[]).find((s) => s.name === adopted && s.deployed), 'listed locally');
    expect(local).toMatchObject({ filesElsewhere: false, filesMissing: false });
    expect((await admin.get(`/api/stacks/${adopted}/files`)).status).toBe(200);
  });
});
