// Webhook notifications against a real receiver on 127.0.0.1 and real containers.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NotificationDelivery } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { createTestContainer, removeProject, uniqueProject } from '../support/containers';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-notify');
let admin: Client;
let receiver: http.Server;
let receiverUrl: string;
const received: { path: string; body: string; headers: http.IncomingHttpHeaders }[] = [];
/** How many more deliveries of this project's unhealthy notice to /flaky are refused (other events, and other
 * tests' containers on the shared server, reach a '*' destination too and must not use them up). */
let failUnhealthy = 0;

beforeAll(async () => {
  admin = await adminClient(base);
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url!, body, headers: req.headers });
      if (req.url === '/redirect') return res.writeHead(302, { location: `${receiverUrl}/stolen` }).end();
      const isOurUnhealthy = req.url === '/flaky' && body.includes('"service.unhealthy"') && body.includes(`${project}/api`);
      if (isOurUnhealthy && failUnhealthy > 0) { failUnhealthy--; return res.writeHead(500).end('down'); }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await removeProject(project);
  receiver.close();
});

const addDestination = async (body: Record<string, unknown>) => {
  const r = await admin.post('/api/notifications/destinations', body);
  expect(r.status).toBe(200);
  return r.json.id as number;
};
const deliveries = async () => (await admin.get('/api/notifications/deliveries?limit=200')).json as NotificationDelivery[];

describe('notifications', () => {
  it('sends a test notice in each format and records the delivery', async () => {
    const json = await addDestination({ name: 'json', kind: 'json', url: `${receiverUrl}/json`, events: ['backup.failed'] });
    const slack = await addDestination({ name: 'slack', kind: 'slack', url: `${receiverUrl}/slack`, events: ['*'] });
    const ntfy = await addDestination({ name: 'ntfy', kind: 'ntfy', url: `${receiverUrl}/ntfy`, events: ['*'] });
    for (const id of [json, slack, ntfy]) {
      const r = await admin.post(`/api/notifications/destinations/${id}/test`);
      expect(r.status).toBe(200);
      expect(r.json.status).toBe('delivered');
    }
    // '*' destinations also get real events of other tests' containers on the shared server, so each check looks
    // for the test notice among what its path received rather than at the first arrival.
    const at = (path: string) => received.filter((x) => x.path === path);
    expect(at('/json').map((x) => JSON.parse(x.body))).toContainEqual(expect.objectContaining({ source: 'slipway', event: 'test', title: 'Slipway test notification' }));
    expect(at('/slack').map((x) => JSON.parse(x.body).text as string).filter((t) => t.includes('Slipway test notification'))).toHaveLength(1);
    const n = at('/ntfy').find((x) => x.headers.title === 'Slipway test notification');
    expect(n, 'ntfy test notice').toBeDefined();
    expect(n!.body).toContain('Sent by admin');
    for (const id of [json, slack, ntfy]) await admin.req('DELETE', `/api/notifications/destinations/${id}`);
  });

  it('retries a failing destination with backoff, and never follows a redirect', async () => {
    const flaky = await addDestination({ name: 'flaky', kind: 'json', url: `${receiverUrl}/flaky`, events: ['*'] });
    failUnhealthy = 2;
    // A service turning unhealthy goes through the retrying path.
    await createTestContainer({ project, service: 'api', cmd: ['sh', '-c', 'touch /tmp/ok; sleep 3600'], healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ok'], intervalMs: 300 } });
    await waitFor(async () => ((await admin.get('/api/containers')).json as { name: string; health: string }[]).find((c) => c.name === `${project}-api-1`)?.health === 'healthy', 'healthy');
    execFileSync('docker', ['exec', `${project}-api-1`, 'rm', '/tmp/ok']);
    const d = await waitFor(async () => (await deliveries()).find((x) => x.destinationId === flaky && x.event === 'service.unhealthy' && x.status === 'delivered'), 'delivered after retries', 20_000);
    expect(d.attempts).toBe(3);
    expect(d.title).toBe(`Unhealthy: ${project}/api`);

    execFileSync('docker', ['exec', `${project}-api-1`, 'touch', '/tmp/ok']);
    await waitFor(async () => (await deliveries()).find((x) => x.destinationId === flaky && x.event === 'service.recovered' && x.status === 'delivered'), 'recovered notice', 20_000);
    await admin.req('DELETE', `/api/notifications/destinations/${flaky}`);

    const redirect = await addDestination({ name: 'redirect', kind: 'json', url: `${receiverUrl}/redirect`, events: ['*'] });
    const r = await admin.post(`/api/notifications/destinations/${redirect}/test`);
    expect(r.json.status).toBe('failed');
    expect(r.json.lastError).toMatch(/redirect/);
    expect(received.some((x) => x.path === '/stolen')).toBe(false);
    await admin.req('DELETE', `/api/notifications/destinations/${redirect}`);
  });

  it('reports an OOM-killed container', async () => {
    const dest = await addDestination({ name: 'oom', kind: 'json', url: `${receiverUrl}/oom`, events: ['container.oom'] });
    await createTestContainer({ project, service: 'hog', cmd: ['sh', '-c', 'x=$(yes | head -c 200000000); sleep 1'], memoryBytes: 16 * 1024 * 1024 });
    const hit = await waitFor(async () => received.find((x) => x.path === '/oom' && x.body.includes(`${project}/hog`)), 'oom notice of this project', 30_000);
    expect(JSON.parse(hit.body)).toMatchObject({ event: 'container.oom', severity: 'critical' });
    await admin.req('DELETE', `/api/notifications/destinations/${dest}`);
  });

  it('accepts only http(s) URLs and only from admins', async () => {
    for (const url of ['ftp://x.example/a', 'javascript:alert(1)', 'file:///etc/passwd', 'http://user:pw@x.example/']) {
      expect((await admin.post('/api/notifications/destinations', { name: 'bad', kind: 'json', url })).status, url).toBe(400);
    }
    expect((await admin.post('/api/notifications/destinations', { name: 'bad', kind: 'email', url: 'http://x.example' })).status).toBe(400);
    const op = await clientWithRole(base, 'operator');
    expect((await op.post('/api/notifications/destinations', { name: 'x', kind: 'json', url: 'http://x.example' })).status).toBe(403);
    expect((await op.get('/api/notifications/deliveries')).status).toBe(403);
  });
});
