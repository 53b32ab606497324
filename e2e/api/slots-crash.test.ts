// A server killed in the middle of a slot switch, on a server and slot stack of its own (port
// SLIPWAY_SLOTS_CRASH_PORT, default 3113, data dir reused across the SIGKILL). The proxy's first
// `nginx -s reload` is made to hang, so the kill lands deterministically in the worst place: the
// upstream file already names green while nginx still serves blue. After restart the switch is
// `interrupted`, the previous file is back and reloaded, and file, served slot and the API agree.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlotGroup, SwitchRecord } from '@/server/contract';
import { adminClient, waitFor, type Client } from '../support/http';
import { startServer, type RunningServer } from '../support/slipway-server';
import { docker } from '../support/containers';
import { createSlotStack, servedSlot, type SlotStack } from '../support/slot-stack';

const port = Number(process.env.SLIPWAY_SLOTS_CRASH_PORT ?? 3113);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-slots-crash-'));
let server: RunningServer;
let admin: Client;
let stack: SlotStack;

// In the proxy container only (PATH finds /usr/local/bin first): the first reload marks that it
// began and then hangs; every other nginx call goes to the real binary.
const HANG_FIRST_RELOAD = [
  '#!/bin/sh',
  'if [ "$1" = "-s" ] && [ "$2" = "reload" ] && [ ! -e /tmp/reload-hung ]; then touch /tmp/reload-hung; exec sleep 600; fi',
  'exec /usr/sbin/nginx "$@"',
].join('\n');

async function exec(container: string, argv: string[]): Promise<{ code: number; out: string }> {
  const e = await docker.getContainer(container).exec({ Cmd: argv, AttachStdout: true, AttachStderr: true });
  const stream = await e.start({});
  let out = '';
  stream.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await new Promise((r) => stream.on('end', r));
  return { code: (await e.inspect()).ExitCode ?? -1, out };
}

const group = async (): Promise<SlotGroup | undefined> => ((await admin.get('/api/slots')).json as SlotGroup[]).find((x) => x.group === stack.group);
const history = async () => (await admin.get(`/api/slots/history?group=${stack.group}`)).json as SwitchRecord[];

beforeAll(async () => {
  [server, stack] = await Promise.all([startServer({ port, dataDir }), createSlotStack()]);
  admin = await adminClient(server.url);
  const install = await exec(stack.names.proxy, ['sh', '-c', 'printf "%s\\n" "$1" > /usr/local/bin/nginx && chmod +x /usr/local/bin/nginx', 'sh', HANG_FIRST_RELOAD]);
  expect(install.code, install.out).toBe(0);
  await waitFor(async () => (await group())?.proxy?.agrees, 'group discovered', 30_000);
});

afterAll(async () => {
  if (server && server.child.exitCode !== null && server.child.signalCode === null) console.error(`slots-crash server exited early:\n${server.logs()}`);
  await server?.stop();
  await stack?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed mid-switch', () => {
  it('comes back with the switch interrupted, the previous slot restored and file, proxy and API agreeing', async () => {
    const pending = admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' }).catch((e: Error) => e);
    await waitFor(async () => (await exec(stack.names.proxy, ['test', '-e', '/tmp/reload-hung'])).code === 0, 'reload under way', 20_000);
    // the state a crash here leaves: file rewritten, nginx not reloaded, the switch `running`
    expect((await exec(stack.names.proxy, ['cat', `/etc/nginx/slipway/${stack.group}.conf`])).out).toContain(`127.0.0.1:${stack.ports.green}`);
    expect(await servedSlot(stack)).toBe('blue');
    expect((await history())[0]).toMatchObject({ to: 'green', result: 'running', from: 'blue' });

    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGKILL');
    await exited;
    expect(await pending).toBeInstanceOf(Error); // the client saw the connection drop, not an answer

    server = await startServer({ port, dataDir });
    admin = await adminClient(server.url);
    const h = await waitFor(async () => {
      const x = (await history())[0];
      return x.error?.includes('serves') || x.error?.includes('could not') ? x : undefined;
    }, 'recovery done', 30_000);
    expect(h).toMatchObject({ to: 'green', from: 'blue', result: 'interrupted' });
    expect(h.error).toContain('the server stopped during the reload step');
    expect(h.error).toContain('restored the previous upstream file (blue), reloaded nginx; the proxy serves blue');
    expect(server.logs()).toContain('1 switch(es) interrupted by the last stop');

    // exactly one valid slot, consistently, and the API says the same
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await fetch(stack.proxyUrl, { headers: { connection: 'close' } });
      await r.arrayBuffer();
      answers.push(`${r.status} ${r.headers.get('x-slot')}`);
    }
    expect(new Set(answers)).toEqual(new Set(['200 blue']));
    const g = await waitFor(async () => {
      const x = await group();
      return x && x.busy === null ? x : undefined;
    }, 'group idle');
    expect(g.active).toBe('blue');
    expect(g.proxy).toMatchObject({ fileSlot: 'blue', servedSlot: 'blue', agrees: true });
    expect(g.problems).toEqual([]);
    const audit = (await admin.get('/api/audit?limit=20')).json as { action: string; target: string; result: string }[];
    expect(audit.some((a) => a.action === 'slots.switch.recover' && a.target === stack.group && a.result === 'ok')).toBe(true);

    // and the group switches normally again
    const again = await admin.post(`/api/slots/${stack.group}/switch`, { to: 'green' });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(await servedSlot(stack)).toBe('green');
    expect((await history())[0]).toMatchObject({ to: 'green', result: 'ok' });
  });
});
