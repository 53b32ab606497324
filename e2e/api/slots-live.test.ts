// Live switching (slipway.proxy.switch=live) against a real nginx running the demo's recommended
// config: the slot is picked per request from a flag file, so a switch needs no reload and kept-alive
// client connections carry on. The guarantees stay: nginx -t rollback, verification with rollback.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { SlotGroup, SwitchRecord } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { docker } from '../support/containers';
import { createSlotStack, servedSlot, type SlotStack } from '../support/slot-stack';

const base = inject('slipwayUrl');
let admin: Client;
let live: SlotStack; // the demo's live config
let liveBad: SlotStack; // green's label names a host nginx cannot resolve
let unrouted: SlotStack; // labelled live, but its nginx config ignores the flag

const group = async (g: string): Promise<SlotGroup | undefined> => ((await admin.get('/api/slots')).json as SlotGroup[]).find((x) => x.group === g);
const steps = (r: { json: { steps: { step: string }[] } }) => r.json.steps.map((s) => s.step);


/** The nginx processes in the proxy: a reload would replace the workers. */
async function nginxPids(stack: SlotStack): Promise<string[]> {
  const top = (await docker.getContainer(stack.names.proxy).top({ ps_args: '-o pid,args' })) as { Processes: string[][] };
  return top.Processes.filter((p) => p.join(' ').includes('nginx: worker')).map((p) => p[0]).sort();
}

async function flagExists(stack: SlotStack): Promise<boolean> {
  try {
    await docker.getContainer(stack.names.proxy).getArchive({ path: `/etc/nginx/slipway/${stack.group}.green` });
    return true;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return false;
    throw e;
  }
}

/** One GET on a kept-alive agent: the slot that answered and whether the connection was reused. */
function keptAliveGet(agent: http.Agent, url: string): Promise<{ slot: string | undefined; reused: boolean; port: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ slot: res.headers['x-slot'] as string | undefined, reused: req.reusedSocket, port: req.socket?.localPort }));
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  admin = await adminClient(base);
  [live, liveBad, unrouted] = await Promise.all([
    createSlotStack({ switchMode: 'live', proxyVolume: true }),
    createSlotStack({ switchMode: 'live', upstream: { green: 'nohost-live.invalid:1' } }),
    createSlotStack({ switchMode: 'live', proxyTemplate: 'reload' }),
  ]);
});

afterAll(async () => {
  await Promise.all([live?.remove(), liveBad?.remove(), unrouted?.remove()]);
});

describe('live slot switching', () => {
  it('shows the mode, the flag and the per-slot upstreams', async () => {
    const g = await waitFor(async () => {
      const x = await group(live.group);
      return x?.proxy?.agrees ? x : undefined;
    }, 'live group discovered');
    expect(g.active).toBe('blue');
    expect(g.proxy).toMatchObject({
      mode: 'live', flag: `/etc/nginx/slipway/${live.group}.green`, flagSlot: 'blue', fileSlot: 'blue', servedSlot: 'blue',
      fileSlots: { blue: `127.0.0.1:${live.ports.blue}`, green: `127.0.0.1:${live.ports.green}` },
    });
    expect(g.problems).toEqual([]);
  });

  it('switches blue to green and back without reloading nginx, verified by the header, history and audit kept', async () => {
    const workers = await nginxPids(live);
    expect(workers.length).toBeGreaterThan(0);
    const r = await admin.post(`/api/slots/${live.group}/switch`, { to: 'green' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ from: 'blue', to: 'green' });
    expect(steps(r)).toEqual(['gate', 'write', 'test', 'flag', 'verify']);
    expect(await flagExists(live)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await servedSlot(live)).toBe('green');
    const g = (await group(live.group))!;
    expect(g.active).toBe('green');
    expect(g.proxy).toMatchObject({ flagSlot: 'green', fileSlot: 'green', servedSlot: 'green', agrees: true });

    const back = await admin.post(`/api/slots/${live.group}/switch`, { to: 'blue' });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(back.json).toMatchObject({ from: 'green', to: 'blue' });
    expect(await flagExists(live)).toBe(false);
    for (let i = 0; i < 5; i++) expect(await servedSlot(live)).toBe('blue');
    // the same worker processes: nothing was reloaded
    expect(await nginxPids(live)).toEqual(workers);

    const hist = (await admin.get(`/api/slots/history?group=${live.group}`)).json as SwitchRecord[];
    expect(hist.slice(0, 2).map((h) => [h.from, h.to, h.result])).toEqual([['green', 'blue', 'ok'], ['blue', 'green', 'ok']]);
    const audit = (await admin.get('/api/audit?limit=20')).json as { action: string; target: string; result: string }[];
    expect(audit.filter((a) => a.action === 'slots.switch' && a.target === live.group && a.result === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a kept-alive client connection open across the switch; its next request goes to the new slot', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await keptAliveGet(agent, live.proxyUrl);
      expect(first.slot).toBe('blue');
      const r = await admin.post(`/api/slots/${live.group}/switch`, { to: 'green' });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      const next = await keptAliveGet(agent, live.proxyUrl);
      expect(next).toMatchObject({ slot: 'green', reused: true, port: first.port });
      expect((await admin.post(`/api/slots/${live.group}/switch`, { to: 'blue' })).status).toBe(200);
      expect(await keptAliveGet(agent, live.proxyUrl)).toMatchObject({ slot: 'blue', reused: true, port: first.port });
    } finally {
      agent.destroy();
    }
  });

  it('rolls back an upstream that nginx -t rejects; the flag is untouched and traffic stays', async () => {
    const r = await admin.post(`/api/slots/${liveBad.group}/switch`, { to: 'green' });
    expect(r.status, JSON.stringify(r.json)).toBe(409);
    expect(r.json.error).toMatch(/nginx -t/);
    expect(r.json.nginx).toMatch(/host not found|nohost/);
    expect(await flagExists(liveBad)).toBe(false);
    expect(await servedSlot(liveBad)).toBe('blue');
    const g = (await group(liveBad.group))!;
    expect(g.proxy).toMatchObject({ mode: 'live', fileUpstream: `127.0.0.1:${liveBad.ports.blue}`, flagSlot: 'blue' });
    expect(g.active).toBe('blue');
  });

  it('switches back when verification fails (a live label on a config that ignores the flag): file and flag restored', async () => {
    const before = await group(unrouted.group);
    // a reload-style file: the first live switch writes the per-slot upstreams and reloads once, and
    // that reload alone moves this config's traffic (it proxies to the recorded upstream)
    expect(before!.problems.join(' ')).toMatch(/no g[0-9a-f]+_blue block yet/);
    const first = await admin.post(`/api/slots/${unrouted.group}/switch`, { to: 'green' });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(steps(first)).toEqual(['gate', 'write', 'test', 'reload', 'flag', 'verify']);
    expect(await servedSlot(unrouted)).toBe('green');
    // the next switch only flips the flag, which this config never reads: verification fails, all is put back
    const r = await admin.post(`/api/slots/${unrouted.group}/switch`, { to: 'blue' });
    expect(r.status, JSON.stringify(r.json)).toBe(502);
    expect(r.json.error).toMatch(/did not serve blue.*live mode: does the nginx config route by/);
    const rec = ((await admin.get(`/api/slots/history?group=${unrouted.group}`)).json as SwitchRecord[])[0];
    expect(rec).toMatchObject({ from: 'green', to: 'blue', result: 'failed' });
    expect(rec.steps.map((x) => x.step).sort()).toEqual(['flag', 'gate', 'restore', 'test', 'verify', 'write']);
    expect(await flagExists(unrouted)).toBe(true);
    expect(await servedSlot(unrouted)).toBe('green');
    const g = (await group(unrouted.group))!;
    expect(g.proxy).toMatchObject({ fileUpstream: `127.0.0.1:${unrouted.ports.green}`, fileSlot: 'green', flagSlot: 'green', agrees: true });
    expect(g.problems).toEqual([]);
  }, 40_000);
});
