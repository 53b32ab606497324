// Alerts on the real engine (issue 18.4/18.6): a service exiting non-zero is alerted to a webhook receiver
// and an SMTP server this test starts on 127.0.0.1, then "resolved" when it runs again; a destination that
// never answers does not hold up the other; an unsafe regex is refused; a log pattern above its rate fires.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Alert, AlertDelivery, NotificationDestination } from '@/server/contract';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-alerts');
let admin: Client;
let receiver: http.Server;
let receiverUrl: string;
const received: { path: string; body: Record<string, unknown>; at: number }[] = [];
let hanging: http.Server;
let hangingUrl: string;
const hungRequests: http.ServerResponse[] = [];
let smtp: SMTPServer;
let smtpPort: number;
const mails: { from: string; to: string[]; raw: string; user: string | undefined }[] = [];

beforeAll(async () => {
  admin = await adminClient(base);
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url!, body: JSON.parse(body || '{}'), at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // accepts the request and never answers
  hanging = http.createServer((_req, res) => void hungRequests.push(res));
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', () => r()));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hang`;
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'alerts' && auth.password === 'smtp-secret-1') return cb(null, { user: auth.username });
      cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, user: session.user as string | undefined });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await removeProject(project);
  for (const res of hungRequests) res.destroy();
  receiver.close();
  hanging.closeAllConnections();
  hanging.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const addDestination = async (body: Record<string, unknown>) => {
  const r = await admin.post('/api/notifications/destinations', body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as NotificationDestination;
};
const addRule = async (body: Record<string, unknown>) => {
  const r = await admin.post('/api/alerts/rules', body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as { id: number };
};
const alerts = async () => (await admin.get('/api/alerts?limit=500')).json as Alert[];
const alertDeliveries = async () => (await admin.get('/api/alerts/deliveries?limit=500')).json as AlertDelivery[];

describe('alerts', () => {
  it('alerts a non-zero exit to a webhook and by e-mail, then sends "resolved" when the service runs again', async () => {
    const hook = await addDestination({ name: `${project}-hook`, kind: 'json', url: `${receiverUrl}/exit`, events: ['alert.firing', 'alert.resolved'] });
    const mail = await addDestination({
      name: `${project}-mail`, kind: 'email', events: ['alert.firing', 'alert.resolved'],
      email: { host: '127.0.0.1', port: smtpPort, security: 'none', from: 'slipway@example.com', to: ['ops@example.com'], user: 'alerts', password: 'smtp-secret-1' },
    });
    // the password is never shown back
    expect(mail.email).toMatchObject({ host: '127.0.0.1', port: smtpPort, to: ['ops@example.com'], hasPassword: true });
    const listed = JSON.stringify((await admin.get('/api/notifications/destinations')).json);
    expect(listed).not.toContain('smtp-secret-1');

    const rule = await addRule({ name: 'crashed', kind: 'exit_nonzero', severity: 'critical', project, destinations: [hook.id, mail.id] });
    // first run: exits 3; a later start finds its marker in the container's own filesystem and keeps running
    const c = await createTestContainer({ project, service: 'worker', cmd: ['sh', '-c', 'if [ -f /tmp/ran ]; then exec sleep 3600; fi; touch /tmp/ran; exit 3'] });

    const firing = await waitFor(async () => received.find((x) => x.path === '/exit' && x.body.event === 'alert.firing'), 'firing webhook', 20_000);
    expect(firing.body).toMatchObject({ source: 'slipway', event: 'alert.firing', severity: 'critical', title: `crashed: local/${project}/worker` });
    expect(String(firing.body.text)).toContain('exited with code 3');
    const open = (await alerts()).find((a) => a.ruleId === rule.id)!;
    expect(open).toMatchObject({ status: 'open', key: `local/${project}/worker`, project, service: 'worker', severity: 'critical' });

    const mailed = await waitFor(async () => mails.find((m) => m.raw.includes(`crashed: local/${project}/worker`)), 'alert e-mail', 20_000);
    expect(mailed).toMatchObject({ from: 'slipway@example.com', to: ['ops@example.com'], user: 'alerts' });
    expect(mailed.raw).toContain('Subject: [Slipway critical]');

    await c.container.start();
    const resolved = await waitFor(async () => received.find((x) => x.path === '/exit' && x.body.event === 'alert.resolved'), 'resolved webhook', 20_000);
    expect(resolved.body.title).toBe(`Resolved: crashed: local/${project}/worker`);
    expect((await alerts()).find((a) => a.id === open.id)).toMatchObject({ status: 'resolved' });
    // one firing, one resolved: the re-evaluations in between sent nothing more
    expect(received.filter((x) => x.path === '/exit').map((x) => x.body.event)).toEqual(['alert.firing', 'alert.resolved']);

    // the e-mail of "resolved" may still be on its way: wait until all four ended
    const ds = await waitFor(async () => {
      const mine = (await alertDeliveries()).filter((d) => d.alertId === open.id);
      return mine.length === 4 && mine.every((d) => d.status !== 'pending') && mine;
    }, 'four deliveries ended', 20_000);
    expect(mails.some((m) => m.raw.includes(`Resolved: crashed: local/${project}/worker`))).toBe(true);
    expect(ds.map((d) => [d.destinationName, d.event, d.status]).sort()).toEqual([
      [`${project}-hook`, 'alert.firing', 'delivered'], [`${project}-hook`, 'alert.resolved', 'delivered'],
      [`${project}-mail`, 'alert.firing', 'delivered'], [`${project}-mail`, 'alert.resolved', 'delivered'],
    ]);
    // deliveries and rules are readable (not writable) below admin
    const viewer = await clientWithRole(base, 'viewer');
    expect((await viewer.get('/api/alerts/deliveries')).status).toBe(200);
    expect((await viewer.get('/api/alerts/rules')).status).toBe(200);
    expect((await viewer.post('/api/alerts/rules', { name: 'x', kind: 'oom' })).status).toBe(403);
    await admin.req('DELETE', `/api/alerts/rules/${rule.id}`);
  });

  it('a destination that never answers holds up neither the other destination nor requests', async () => {
    const hang = await addDestination({ name: `${project}-hang`, kind: 'json', url: hangingUrl, events: ['alert.firing'] });
    const fast = await addDestination({ name: `${project}-fast`, kind: 'discord', url: `${receiverUrl}/fast`, events: ['alert.firing'] });
    const rule = await addRule({ name: 'hang-check', kind: 'exit_nonzero', project, service: 'hangjob', destinations: [hang.id, fast.id] });
    await createTestContainer({ project, service: 'hangjob', cmd: ['sh', '-c', 'exit 4'] });
    const open = await waitFor(async () => (await alerts()).find((a) => a.ruleId === rule.id), 'alert opened', 20_000);
    await waitFor(async () => hungRequests.length > 0, 'the hanging endpoint was called', 10_000);
    const got = await waitFor(async () => received.find((x) => x.path === '/fast'), 'the fast destination', 10_000);
    // the notifier's timeout is 5 s: the answering destination got its notice long before it
    expect(got.at - Date.parse(open.firstAt)).toBeLessThan(2000);
    expect(String(got.body.content)).toContain(`hang-check: local/${project}/hangjob`);
    const t0 = Date.now();
    expect((await admin.get('/api/alerts')).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(1000);
    const pending = (await alertDeliveries()).find((d) => d.alertId === open.id && d.destinationName === `${project}-hang`);
    expect(pending?.status).toBe('pending');
    await admin.req('DELETE', `/api/alerts/rules/${rule.id}`);
    await admin.req('DELETE', `/api/notifications/destinations/${hang.id}`);
  });

  it('refuses a regex that could backtrack badly, and bad rules, with 400 and nothing stored', async () => {
    const before = ((await admin.get('/api/alerts/rules')).json as unknown[]).length;
    for (const pattern of ['(a+)+$', '(\\w|\\w\\w)*x', '(a)\\1', '(unclosed']) {
      const r = await admin.post('/api/alerts/rules', { name: 'bad', kind: 'log_pattern', pattern, perMinute: 5 });
      expect(r.status, pattern).toBe(400);
      expect(JSON.stringify(r.json), pattern).toMatch(/nested quantifiers|backreferences|not a valid/);
    }
    expect((await admin.post('/api/alerts/rules', { name: 'no-minutes', kind: 'unhealthy' })).status).toBe(400);
    expect((await admin.post('/api/alerts/rules', { name: 'x', kind: 'oom', destinations: [999999] })).status).toBe(400);
    expect((await admin.req('PUT', '/api/alerts/quiet-hours', { enabled: true, start: '25:00', end: '07:00' })).status).toBe(400);
    expect(((await admin.get('/api/alerts/rules')).json as unknown[]).length).toBe(before);
  });

  it('fires a log-pattern rule when matching lines exceed the rate', async () => {
    const rule = await addRule({ name: 'errors', kind: 'log_pattern', pattern: '^ERROR \\w+', perMinute: 10, project, service: 'noisy' });
    await createTestContainer({ project, service: 'noisy', cmd: ['sh', '-c', 'while true; do echo "ERROR boom"; echo "INFO fine"; sleep 0.2; done'] });
    const a = await waitFor(async () => (await alerts()).find((x) => x.ruleId === rule.id && x.status === 'open'), 'log pattern alert', 30_000);
    expect(a.key).toBe(`local/${project}/noisy`);
    expect(a.summary).toMatch(/lines matching \/\^ERROR \\w\+\/ in the last minute \(above 10\)/);
    await admin.req('DELETE', `/api/alerts/rules/${rule.id}`);
    await docker.getContainer(`${project}-noisy-1`).remove({ force: true });
  });
});
