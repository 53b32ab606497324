// Blue/green slots against a real nginx proxy and real slot containers: discovery, verified switches
// both ways, the health gate, nginx -t rollback, the per-group lock, deploys to the idle slot, roles.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { SlotGroup, SwitchRecord } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { docker } from '../support/containers';
import { createSlotStack, servedSlot, type SlotStack } from '../support/slot-stack';

const base = inject('slipwayUrl');
let admin: Client;
let stack: SlotStack;
let badStack: SlotStack;
const tag = crypto.randomBytes(3).toString('hex');
const GOOD_IMAGE = `slipway-test/slot-app:v2-${tag}`;
const BAD_IMAGE = `slipway-test/slot-app:broken-${tag}`;

// RUN steps on the host network, as every container here: works when the engine has no docker0 bridge.
function buildImage(ref: string, dockerfile: string) {
  execFileSync('docker', ['build', '-q', '--network', 'host', '-t', ref, '-'], { input: dockerfile, stdio: ['pipe', 'ignore', 'inherit'] });
}

const group = async (g: string): Promise<SlotGroup | undefined> => ((await admin.get('/api/slots')).json as SlotGroup[]).find((x) => x.group === g);
/** The inode of a file as the container sees it. */
async function inodeIn(container: string, file: string): Promise<string> {
  const e = await docker.getContainer(container).exec({ Cmd: ['stat', '-c', '%i', file], AttachStdout: true, AttachStderr: true });
  const stream = await e.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', resolve);
  });
  // the multiplexed stream: 8-byte frame headers, then the text
  const text = Buffer.concat(chunks).subarray(8).toString('utf8').trim();
  expect(text, `stat ${file}`).toMatch(/^\d+$/);
  return text;
}
// Plays the operator, and returns only once the command has finished (an Engine API exec start returns when the
// command starts, so a check right after could run before the file exists).
const exec = async (container: string, argv: string[]) => void execFileSync('docker', ['exec', container, ...argv]);

beforeAll(async () => {
  admin = await adminClient(base);
  buildImage(GOOD_IMAGE, 'FROM slipway/nginx:1\nENV APP_VERSION=2.0.0\n');
  // Serves nothing: its healthcheck and probes never pass.
  buildImage(BAD_IMAGE, "FROM slipway/nginx:1\nRUN printf '#!/bin/sh\\nexec sleep 3600\\n' > /usr/local/bin/slipway-app\n");
  [stack, badStack] = await Promise.all([createSlotStack({ proxyVolume: true }), createSlotStack({ upstream: { green: `nohost-${tag}.invalid:1` } })]);
});

afterAll(async () => {
  await Promise.all([stack?.remove(), badStack?.remove()]);
  for (const ref of [GOOD_IMAGE, BAD_IMAGE]) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
});

describe('slots', () => {
  it('discovers the group, its slots and the proxy, with the active slot confirmed by the header', async () => {
    const g = await waitFor(async () => {
      const x = await group(stack.group);
      return x?.slots.blue && x.slots.green && x.proxy?.agrees ? x : undefined;
    }, 'group discovered');
    expect(g.active).toBe('blue');
    expect(g.proxy).toMatchObject({ mode: 'reload', flag: null, fileUpstream: `127.0.0.1:${stack.ports.blue}`, fileSlot: 'blue', servedSlot: 'blue', agrees: true, header: 'X-Slot' });
    expect(g.slots.green).toMatchObject({ upstream: `127.0.0.1:${stack.ports.green}`, state: 'running' });
    expect(g.slots.green!.probes.map((p) => [p.name, p.ok])).toEqual([['health', true], ['ready', true]]);
    expect(g.problems).toEqual([]);
  });

  it('switches blue to green and back, verified through the proxy, recorded in history and audit', async () => {
    const file = `/etc/nginx/slipway/${stack.group}.conf`;
    const inodeBefore = await inodeIn(stack.names.proxy, file);
    const r = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ group: stack.group, from: 'blue', to: 'green' });
    expect(r.json.durationMs).toBeGreaterThan(0);
    expect(r.json.steps.map((s: { step: string }) => s.step)).toEqual(['gate', 'write', 'test', 'reload', 'verify']);
    // the upstream file lives on a named volume here (as in the demo); the image-layer case is the other stack
    const proxy = await docker.getContainer(stack.names.proxy).inspect();
    expect(proxy.Mounts.find((mt) => mt.Destination === '/etc/nginx/slipway')?.Type).toBe('volume');
    for (let i = 0; i < 5; i++) expect(await servedSlot(stack)).toBe('green');
    expect((await group(stack.group))!.active).toBe('green');
    // written in place on the directory mount (issue 20.1): same inode
    expect(await inodeIn(stack.names.proxy, file)).toBe(inodeBefore);

    const back = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'blue' });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(back.json).toMatchObject({ from: 'green', to: 'blue' });
    for (let i = 0; i < 5; i++) expect(await servedSlot(stack)).toBe('blue');

    const hist = (await admin.get(`/api/slots/history?group=${stack.group}`)).json as SwitchRecord[];
    expect(hist.slice(0, 2).map((h) => [h.from, h.to, h.result])).toEqual([['green', 'blue', 'ok'], ['blue', 'green', 'ok']]);
    expect(hist[0].samples.length).toBeGreaterThanOrEqual(3);
    const audit = (await admin.get('/api/audit?limit=20')).json as { action: string; target: string; result: string }[];
    expect(audit.filter((a) => a.action === 'slots.switch' && a.target === stack.group && a.result === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a switch to an unhealthy slot and leaves traffic where it was', async () => {
    await exec(stack.names.green, ['touch', '/tmp/unhealthy']);
    try {
      const r = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
      expect(r.status, JSON.stringify(r.json)).toBe(409);
      expect(r.json.error).toMatch(/green/);
      expect(await servedSlot(stack)).toBe('blue');
      const hist = (await admin.get(`/api/slots/history?group=${stack.group}`)).json as SwitchRecord[];
      expect(hist[0]).toMatchObject({ to: 'green', result: 'refused' });
    } finally {
      await exec(stack.names.green, ['rm', '-f', '/tmp/unhealthy']);
    }
    await waitFor(async () => (await docker.getContainer(stack.names.green).inspect()).State.Health?.Status === 'healthy', 'green healthy again');
  });

  it('rolls back an upstream that nginx -t rejects, answering with nginx’s message; traffic stays', async () => {
    const before = await docker.getContainer(badStack.names.proxy).inspect();
    const r = await admin.post(`/api/slots/${badStack.group}/switch`, { to: 'green' });
    expect(r.status, JSON.stringify(r.json)).toBe(409);
    expect(r.json.error).toMatch(/nginx -t/);
    expect(r.json.nginx).toMatch(/host not found|nohost/);
    expect(await servedSlot(badStack)).toBe('blue');
    const g = await group(badStack.group);
    expect(g!.proxy!.fileUpstream).toBe(`127.0.0.1:${badStack.ports.blue}`);
    expect(g!.active).toBe('blue');
    // nginx itself never restarted: the same process serves
    expect((await docker.getContainer(badStack.names.proxy).inspect()).State.StartedAt).toBe(before.State.StartedAt);
  });

  it('gives exactly one switch for ten concurrent requests', async () => {
    const rs = await Promise.all(Array.from({ length: 10 }, () => admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' })));
    const codes = rs.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(9);
    expect(rs.find((r) => r.status === 409)!.json.error).toMatch(/under way/);
    expect(await servedSlot(stack)).toBe('green');
    const back = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'blue' });
    expect(back.status).toBe(200);
  });

  it('deploys a new image tag to the idle slot, healthy, without touching traffic', async () => {
    const oldGreen = await docker.getContainer(stack.names.green).inspect();
    const r = await admin.post(`/api/slots/${stack.group}/deploy`, { image: GOOD_IMAGE });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ group: stack.group, slot: 'green', image: GOOD_IMAGE, health: 'healthy', switched: null });
    expect(await servedSlot(stack)).toBe('blue');
    const fresh = await docker.getContainer(stack.names.green).inspect();
    expect(fresh.Id).not.toBe(oldGreen.Id);
    expect(fresh.Config.Image).toBe(GOOD_IMAGE);
    // its own configuration came along: env, labels (compose's too), network mode, healthcheck, restart policy
    expect(fresh.Config.Env).toEqual(expect.arrayContaining(['SLOT=green', `PORT=${stack.ports.green}`, 'APP_VERSION=2.0.0']));
    expect(fresh.Config.Labels).toMatchObject({ 'com.docker.compose.project': stack.project, 'com.docker.compose.service': 'app-green', 'slipway.slot': 'green' });
    expect(fresh.HostConfig.NetworkMode).toBe('host');
    expect(fresh.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(fresh.Config.Healthcheck).toEqual(oldGreen.Config.Healthcheck);
    const direct = await fetch(`http://127.0.0.1:${stack.ports.green}/health`);
    expect(direct.headers.get('x-app-version')).toBe('2.0.0');
    // and it can take traffic
    const sw = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
    expect(sw.status, JSON.stringify(sw.json)).toBe(200);
    expect(await servedSlot(stack)).toBe('green');
  });

  it('leaves traffic untouched and the idle slot stopped when the new image never gets healthy', async () => {
    // green is active now: the deploy goes to blue
    const r = await admin.post(`/api/slots/${stack.group}/deploy`, { image: BAD_IMAGE, timeoutSec: 20 });
    expect(r.status, JSON.stringify(r.json)).toBe(502);
    expect(r.json.error).toMatch(/unhealthy|not healthy|probes/);
    expect(await servedSlot(stack)).toBe('green');
    const blue = await docker.getContainer(stack.names.blue).inspect();
    expect(blue.Config.Image).toBe(BAD_IMAGE);
    expect(blue.State.Running).toBe(false);
    const hist = (await admin.get(`/api/slots/history?group=${stack.group}`)).json as SwitchRecord[];
    expect(hist[0]).toMatchObject({ kind: 'deploy', to: 'blue', image: BAD_IMAGE, result: 'failed' });
    // a switch to the stopped slot is refused
    const sw = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'blue' });
    expect(sw.status).toBe(409);
  });

  it('lets viewers see but not switch or deploy', async () => {
    const viewer = await clientWithRole(base, 'viewer');
    expect((await viewer.get('/api/slots')).status).toBe(200);
    expect((await viewer.post(`/api/slots/${stack.group}/switch`, { to: 'green' })).status).toBe(403);
    expect((await viewer.post(`/api/slots/${stack.group}/deploy`, { image: GOOD_IMAGE })).status).toBe(403);
  });

  it('answers bad input with 400/404 and touches nothing', async () => {
    const before = await servedSlot(stack);
    expect((await admin.post('/api/slots/no-such-group-xyz/switch', { to: 'blue' })).status).toBe(404);
    expect((await admin.post(`/api/slots/${stack.group}/switch`, { to: 'red' })).status).toBe(400);
    expect((await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green; rm -rf /' })).status).toBe(400);
    expect((await admin.post(`/api/slots/${encodeURIComponent('../etc')}/switch`, { to: 'blue' })).status).toBe(400);
    expect((await admin.post(`/api/slots/${encodeURIComponent('g;x')}/switch`, { to: 'blue' })).status).toBe(400);
    expect((await admin.post(`/api/slots/${stack.group}/deploy`, { image: 'x; rm -rf /' })).status).toBe(400);
    expect((await admin.post(`/api/slots/${stack.group}/deploy`, { image: `slipway-test/none:${tag}` })).status).toBe(404);
    expect((await admin.post(`/api/slots/${stack.group}/switch`, 'not json')).status).toBe(400);
    expect(await servedSlot(stack)).toBe(before);
  });
});
