// Issue 20 on a stack laid out as the Togather guide: the owner's nginx.conf, bind-mounted as a single
// file, with `upstream togather_backend` in the main config and the custom X-Togather-Slot header.
// Slipway switches blue→green→blue under keep-alive load with no failed request, writes the file in
// place (same inode, every other byte identical), and rolls back the bytes when `nginx -t` fails.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { SlotGroup } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { docker } from '../support/containers';
import { createTogatherStack, servedTogatherSlot, startLoad, type TogatherStack } from '../support/togather-stack';

const base = inject('slipwayUrl');
let admin: Client;
let stack: TogatherStack;
let original: string;

const group = async (g: string): Promise<SlotGroup | undefined> => ((await admin.get('/api/slots')).json as SlotGroup[]).find((x) => x.group === g);

beforeAll(async () => {
  admin = await adminClient(base);
  stack = await createTogatherStack();
  original = fs.readFileSync(stack.nginxConf, 'utf8');
});

afterAll(async () => {
  await stack?.remove();
});

describe('blue/green on a stack as its owner wrote it (Togather layout)', () => {
  it('adopts the upstream block of the owner config and reads the custom header', async () => {
    const g = await waitFor(async () => {
      const x = await group(stack.group);
      return x?.slots.blue && x.slots.green && x.proxy?.agrees ? x : undefined;
    }, 'togather group discovered', 30_000);
    expect(g.active).toBe('blue');
    expect(g.proxy).toMatchObject({ upstreamBlock: 'togather_backend', config: '/etc/nginx/nginx.conf', header: 'X-Togather-Slot', mode: 'reload', fileUpstream: `127.0.0.1:${stack.ports.blue}`, fileSlot: 'blue', servedSlot: 'blue' });
    expect(g.problems).toEqual([]);
  });

  it('probes by container name from inside the container, by direct port otherwise, and says which', async () => {
    const g = (await group(stack.group))!;
    for (const s of ['blue', 'green'] as const) {
      const probes = Object.fromEntries(g.slots[s]!.probes.map((p) => [p.name, p]));
      // the direct health port, fetched by Slipway
      expect(probes.health).toMatchObject({ ok: true, statusCode: 200, via: 'direct' });
      // togather-server-<slot>-<id> resolves only inside the stack: an HTTP GET exec'd in the slot
      expect(probes.byname, JSON.stringify(probes.byname)).toMatchObject({ ok: true, statusCode: 200, via: 'exec', from: stack.names[s] });
    }
  });

  it('switches blue→green→blue under load with 0 failed requests, in place, every other byte identical', async () => {
    const inode = fs.statSync(stack.nginxConf).ino;
    const load = startLoad(`http://127.0.0.1:${stack.ports.proxy}/`);
    await waitFor(async () => load.count.ok > 50, 'load running');

    const toGreen = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
    expect(toGreen.status, JSON.stringify(toGreen.json)).toBe(200);
    expect(toGreen.json).toMatchObject({ from: 'blue', to: 'green' });
    expect(toGreen.json.steps.map((s: { step: string }) => s.step)).toEqual(['gate', 'write', 'test', 'reload', 'verify']);
    expect(toGreen.json.samples.at(-1).slot).toBe('green');
    const mid = fs.readFileSync(stack.nginxConf, 'utf8');
    // only the server address changed: the comments (one names blue's guide address), max_fails, keepalive stay
    expect(mid).toBe(original.replace(`server 127.0.0.1:${stack.ports.blue} max_fails=3`, `server 127.0.0.1:${stack.ports.green} max_fails=3`));
    expect(fs.statSync(stack.nginxConf).ino).toBe(inode);
    for (let i = 0; i < 3; i++) expect(await servedTogatherSlot(stack)).toBe('green');
    const greenBefore = load.count.bySlot.green ?? 0;
    await waitFor(async () => (load.count.bySlot.green ?? 0) > greenBefore + 50, 'load served by green');

    const toBlue = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'blue' });
    expect(toBlue.status, JSON.stringify(toBlue.json)).toBe(200);
    expect(toBlue.json).toMatchObject({ from: 'green', to: 'blue' });
    const blueBefore = load.count.bySlot.blue ?? 0;
    await waitFor(async () => (load.count.bySlot.blue ?? 0) > blueBefore + 50, 'load served by blue again');
    const c = await load.stop();
    console.log(`[togather] load during blue→green→blue: ${c.ok} ok, ${c.failed} failed, ${c.retried} retried on a fresh connection after a reload closed a kept-alive one; by slot ${JSON.stringify(c.bySlot)}`);
    expect(c.failed, c.errors.slice(0, 5).join('; ')).toBe(0);
    expect(c.ok).toBeGreaterThan(150);
    expect(c.bySlot.green).toBeGreaterThan(50);

    expect(fs.readFileSync(stack.nginxConf, 'utf8')).toBe(original);
    expect(fs.statSync(stack.nginxConf).ino).toBe(inode);
  });

  it('rolls the bytes back when nginx -t rejects the configuration, and traffic stays', async () => {
    const inode = fs.statSync(stack.nginxConf).ino;
    // the owner's file has a mistake outside the block: every switch's nginx -t fails
    const broken = original.replace('    access_log off;\n', '    access_log off;\n    not_a_directive on;\n');
    expect(broken).not.toBe(original);
    fs.writeFileSync(stack.nginxConf, broken); // in place too
    try {
      const r = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
      expect(r.status, JSON.stringify(r.json)).toBe(409);
      expect(r.json.error).toMatch(/nginx -t rejected/);
      expect(fs.readFileSync(stack.nginxConf, 'utf8')).toBe(broken);
      expect(fs.statSync(stack.nginxConf).ino).toBe(inode);
      for (let i = 0; i < 3; i++) expect(await servedTogatherSlot(stack)).toBe('blue');
      const hist = (await admin.get(`/api/slots/history?group=${stack.group}&limit=1`)).json as { result: string; steps: { step: string; status: string }[] }[];
      expect(hist[0].result).toBe('failed');
      expect(hist[0].steps.map((s) => `${s.step}:${s.status}`)).toEqual(['gate:ok', 'write:ok', 'restore:ok', 'test:failed']);
    } finally {
      fs.writeFileSync(stack.nginxConf, original);
    }
  });

  it("never switches to a stranger's container labelled into the group, and refuses a slot with two candidates (issue 15.2)", async () => {
    const stranger = async (project: string, name: string) => {
      const c = await docker.createContainer({
        name, Image: 'slipway/busybox:1', Cmd: ['sleep', '600'],
        Labels: { 'slipway.test': '1', 'com.docker.compose.project': project, 'com.docker.compose.service': 'evil', 'slipway.slot.group': stack.group, 'slipway.slot': 'green', 'slipway.slot.upstream': '127.0.0.1:9' },
        HostConfig: { NetworkMode: 'host' }, StopSignal: 'SIGKILL',
      });
      await c.start();
      return c;
    };
    // another project: not a member, whatever its age
    const outsider = await stranger(`swevil${Date.now().toString(36)}`, `${stack.project}-evil-outsider`);
    try {
      const g = await waitFor(async () => {
        const x = await group(stack.group);
        return x?.problems.some((p) => p.includes('evil-outsider')) ? x : undefined;
      }, 'outsider reported');
      expect(g.slots.green!.name).toBe(stack.names.green);
      const r = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      for (let i = 0; i < 3; i++) expect(await servedTogatherSlot(stack)).toBe('green');
      expect((await admin.post(`/api/slots/${stack.group}/switch`, { to: 'blue' })).status).toBe(200);
    } finally {
      await outsider.remove({ force: true });
    }
    // the same project: two green candidates, so no switch at all
    const twin = await stranger(stack.project, `${stack.project}-evil-twin`);
    try {
      await waitFor(async () => (await group(stack.group))?.problems.some((p) => p.includes('more than one green')), 'twin reported');
      const before = fs.readFileSync(stack.nginxConf, 'utf8');
      const r = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
      expect(r.status, JSON.stringify(r.json)).toBe(409);
      expect(r.json.error).toMatch(/more than one green/);
      expect(fs.readFileSync(stack.nginxConf, 'utf8')).toBe(before);
      expect(await servedTogatherSlot(stack)).toBe('blue');
    } finally {
      await twin.remove({ force: true });
    }
  });

  it('lets operators deploy only image repositories an admin allowed (issue 15.8)', async () => {
    const operator = await clientWithRole(base, 'operator');
    const greenId = (await docker.getContainer(stack.names.green).inspect()).Id;
    const refused = await operator.post(`/api/slots/${stack.group}/deploy`, { image: 'slipway/busybox:1' });
    expect(refused.status, JSON.stringify(refused.json)).toBe(403);
    expect((await operator.req('PUT', '/api/settings/slot-images', { repositories: ['slipway/busybox'] })).status).toBe(403);
    const put = await admin.req('PUT', '/api/settings/slot-images', { repositories: ['slipway/nginx', 'registry.example/team/*'] });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect((await operator.get('/api/settings/slot-images')).json).toEqual({ repositories: ['registry.example/team/*', 'slipway/nginx'] });
    try {
      const other = await operator.post(`/api/slots/${stack.group}/deploy`, { image: 'slipway/busybox:1' });
      expect(other.status).toBe(403);
      expect(other.json.error).toMatch(/slipway\/nginx/);
      // nothing was touched by the refusals
      expect((await docker.getContainer(stack.names.green).inspect()).Id).toBe(greenId);
      expect((await admin.req('PUT', '/api/settings/slot-images', { repositories: ['bad repo; rm'] })).status).toBe(400);
      const audit = (await admin.get('/api/audit?limit=50')).json as { action: string; result: string }[];
      expect(audit.some((a) => a.action === 'slots.deploy' && a.result === 'denied')).toBe(true);
      expect(audit.some((a) => a.action === 'settings.slot-images' && a.result === 'ok')).toBe(true);
    } finally {
      await admin.req('PUT', '/api/settings/slot-images', { repositories: [] });
    }
  });

  it("deploys the idle slot the owner's way: compose up -d --no-deps --build SERVICE, healthy, traffic untouched", async () => {
    const before = await docker.getContainer(stack.names.green).inspect();
    // the owner's new version: `git pull` changed the Dockerfile; --build makes the new image
    fs.appendFileSync(path.join(stack.dir, 'Dockerfile'), 'LABEL togather.version="2"\n');
    const r = await admin.post(`/api/slots/${stack.group}/deploy`, { compose: true, build: true, timeoutSec: 60 });
    expect(r.status, JSON.stringify(r.json).slice(0, 2000)).toBe(200);
    expect(r.json).toMatchObject({ group: stack.group, slot: 'green', method: 'compose', health: 'healthy', switched: null });
    expect(r.json.output).toMatch(/togather-server-green/);
    const after = await docker.getContainer(stack.names.green).inspect();
    expect(after.Id).not.toBe(before.Id);
    expect(after.Id).toBe(r.json.containerId);
    expect(after.Config.Labels['com.docker.compose.service']).toBe('togather-green');
    expect(after.Config.Labels['togather.version']).toBe('2');
    // blue was not touched (--no-deps, one service)
    expect((await docker.getContainer(stack.names.blue).inspect()).Config.Labels['togather.version']).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(await servedTogatherSlot(stack)).toBe('blue');
    expect((await admin.post(`/api/slots/${stack.group}/deploy`, { compose: true, image: 'x:1' })).status).toBe(400);
    const hist = (await admin.get(`/api/slots/history?group=${stack.group}&limit=1`)).json as { kind: string; result: string }[];
    expect(hist[0]).toMatchObject({ kind: 'deploy', result: 'ok' });
  });
});
