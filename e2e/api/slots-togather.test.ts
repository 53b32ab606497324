// Issue 20 on a stack laid out as the Togather guide: the owner's nginx.conf, bind-mounted as a single
// file, with `upstream togather_backend` in the main config and the custom X-Togather-Slot header.
// Slipway switches blue→green→blue under keep-alive load with no failed request, writes the file in
// place (same inode, every other byte identical), and rolls back the bytes when `nginx -t` fails.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { SlotGroup } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
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
});
