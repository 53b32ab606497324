// Authorization against a written matrix, then a bounded fuzz of hostile input (issue 15).
// Routes and socket events are enumerated from the code's own tables (e2e/support/api-inventory.ts:
// the permission each route() and onEvent carries); the roles they must need are WRITTEN below, from
// CONTRACT.md ("Roles"), never read from the code under test. A new route or event fails the matrix
// test until someone decides here who may use it. Every refusal must leave every state unchanged.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Role } from '@/server/contract';
import { apiRoutes, samplePath, socketEvents, type RouteEntry, type SocketEventEntry } from '../support/api-inventory';
import { adminClient, Client, clientWithRole, waitFor } from '../support/http';
import { connectSocket, emitAck } from '../support/sockets';
import { createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';
import { runningExecs } from '../support/shell';

const base = inject('slipwayUrl');
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
type Need = Role | 'public';

/** method + path → the least role that may use it (CONTRACT.md "Roles"). */
const EXPECTED_ROUTES: Record<string, Need> = {
  'GET /api/[...rest]': 'viewer', 'POST /api/[...rest]': 'viewer', 'PUT /api/[...rest]': 'viewer', 'PATCH /api/[...rest]': 'viewer', 'DELETE /api/[...rest]': 'viewer',
  'GET /api/audit': 'viewer', 'GET /api/audit/export': 'viewer',
  'GET /api/alerts': 'viewer', 'GET /api/alerts/rules': 'viewer', 'POST /api/alerts/rules': 'admin', 'PUT /api/alerts/rules/[id]': 'admin', 'DELETE /api/alerts/rules/[id]': 'admin',
  'GET /api/alerts/deliveries': 'viewer', 'GET /api/alerts/quiet-hours': 'viewer', 'PUT /api/alerts/quiet-hours': 'admin',
  'GET /api/events': 'viewer', 'GET /api/events/error-rate': 'viewer',
  'POST /api/auth/login': 'public', 'POST /api/auth/logout': 'viewer', 'GET /api/auth/me': 'viewer',
  'GET /api/backups': 'viewer', 'POST /api/backups': 'operator', 'GET /api/backups/targets': 'viewer',
  'GET /api/backups/[id]': 'viewer', 'DELETE /api/backups/[id]': 'admin',
  'POST /api/backups/prove': 'operator',
  'GET /api/backups/[id]/download': 'operator', 'POST /api/backups/[id]/restore': 'admin',
  'GET /api/containers': 'viewer', 'GET /api/containers/[id]': 'viewer', 'POST /api/containers/[id]/[action]': 'operator', 'GET /api/containers/[id]/logs': 'viewer',
  'GET /api/environments': 'viewer', 'POST /api/environments': 'admin', 'DELETE /api/environments/[name]': 'admin',
  'GET /api/health': 'public', 'GET /api/health/containers': 'viewer',
  'GET /api/notifications/deliveries': 'admin', 'GET /api/notifications/destinations': 'admin', 'POST /api/notifications/destinations': 'admin',
  'DELETE /api/notifications/destinations/[id]': 'admin', 'POST /api/notifications/destinations/[id]/test': 'admin',
  'GET /api/setup': 'public', 'POST /api/setup': 'public',
  // issue 15.8: admins choose the image repositories operators may deploy to a slot; everyone may read the list
  'GET /api/settings/slot-images': 'viewer', 'PUT /api/settings/slot-images': 'admin',
  'GET /api/slots': 'viewer', 'GET /api/slots/history': 'viewer', 'GET /api/slots/images': 'viewer',
  'POST /api/slots/[group]/switch': 'operator', 'POST /api/slots/[group]/deploy': 'operator',
  'GET /api/stacks': 'viewer', 'GET /api/stats/collectors': 'viewer',
  // issue 13 point 5: viewers read files (no .env values) and output; operators run operations and scale; admins edit, create, delete
  'POST /api/stacks': 'admin', 'GET /api/stacks/[name]': 'viewer', 'DELETE /api/stacks/[name]': 'admin',
  'GET /api/stacks/[name]/files': 'viewer', 'PUT /api/stacks/[name]/files': 'admin',
  'GET /api/stacks/[name]/files/history': 'viewer', 'POST /api/stacks/[name]/files/history/[version]/restore': 'admin',
  'GET /api/stacks/[name]/operations': 'viewer', 'POST /api/stacks/[name]/operations': 'operator',
  'POST /api/stacks/[name]/services/[service]/scale': 'operator',
  'GET /api/operations': 'viewer', 'GET /api/operations/[id]': 'viewer',
  'GET /api/swarm': 'viewer', 'GET /api/swarm/images': 'viewer', 'GET /api/swarm/services': 'viewer', 'GET /api/swarm/services/[id]': 'viewer',
  'POST /api/swarm/services/[id]/scale': 'operator', 'POST /api/swarm/services/[id]/update': 'operator', 'POST /api/swarm/services/[id]/rollback': 'operator',
  'GET /api/tokens': 'admin', 'POST /api/tokens': 'admin', 'DELETE /api/tokens/[id]': 'admin',
  'GET /api/users': 'admin', 'POST /api/users': 'admin', 'PATCH /api/users/[username]': 'admin', 'DELETE /api/users/[username]': 'admin',
  // images, volumes, networks, updates (issue 14)
  'GET /api/images': 'viewer', 'POST /api/images/pull': 'operator', 'GET /api/images/pull/[id]': 'viewer', 'DELETE /api/images/[id]': 'admin',
  'GET /api/images/prune': 'viewer', 'POST /api/images/prune': 'admin',
  'GET /api/volumes': 'viewer', 'DELETE /api/volumes/[name]': 'admin', 'POST /api/volumes/prune': 'admin',
  'GET /api/networks': 'viewer', 'DELETE /api/networks/[id]': 'admin', 'POST /api/networks/prune': 'admin',
  'GET /api/updates': 'viewer', 'POST /api/updates/check': 'operator', 'GET /api/updates/jobs/[id]': 'viewer',
  'POST /api/stacks/[name]/services/[service]/update': 'operator',
  'GET /api/registries': 'admin', 'POST /api/registries': 'admin', 'DELETE /api/registries/[registry]': 'admin',
  // issue 19: everyone manages their own sign-in factors; sign-in routes are public; admins set the 2FA rule and reset others
  'POST /api/auth/password': 'viewer', 'POST /api/auth/reauth': 'viewer', 'GET /api/auth/security': 'viewer', 'GET /api/auth/options': 'public',
  'POST /api/auth/totp/setup': 'viewer', 'POST /api/auth/totp/enable': 'viewer', 'DELETE /api/auth/totp': 'viewer',
  'POST /api/auth/passkeys': 'viewer', 'POST /api/auth/passkeys/register': 'viewer', 'DELETE /api/auth/passkeys/[id]': 'viewer',
  'POST /api/auth/passkeys/challenge': 'public', 'POST /api/auth/passkeys/login': 'public',
  'GET /api/auth/oidc/start': 'public', 'GET /api/auth/oidc/callback': 'public',
  'GET /api/settings/sign-in': 'admin', 'PUT /api/settings/sign-in': 'admin', 'DELETE /api/users/[username]/second-factor': 'admin',
  'POST /api/users/[username]/password': 'admin', 'GET /api/auth/sessions': 'viewer', 'DELETE /api/auth/sessions/[id]': 'viewer',
  // container actions, inspect, files (issue 21): operators for lifecycle and reading files, admins remove, rename, upload
  'POST /api/containers/[id]/kill': 'operator', 'POST /api/containers/[id]/rename': 'admin', 'DELETE /api/containers/[id]': 'admin',
  'GET /api/containers/[id]/inspect': 'viewer', 'GET /api/containers/[id]/files': 'operator', 'PUT /api/containers/[id]/files': 'admin',
  'GET /api/containers/[id]/files/download': 'operator', 'GET /api/volumes/[name]/files': 'operator', 'GET /api/volumes/[name]/files/download': 'operator',
};

/** client event → the least role that may send it (CONTRACT.md: shells are admin only). */
const EXPECTED_EVENTS: Record<string, Role> = {
  'logs:subscribe': 'viewer', 'logs:unsubscribe': 'viewer',
  'shell:open': 'admin', 'shell:input': 'admin', 'shell:resize': 'admin', 'shell:close': 'admin',
  'stats:subscribe': 'viewer', 'stats:unsubscribe': 'viewer', 'stats:overview:subscribe': 'viewer', 'stats:overview:unsubscribe': 'viewer',
  'swarm:watch': 'viewer', 'swarm:unwatch': 'viewer', 'swarm:logs:subscribe': 'viewer', 'swarm:logs:unsubscribe': 'viewer',
};

/** events whose payload is ignored (they act on the socket itself) */
const IGNORES_PAYLOAD = new Set(['stats:overview:subscribe', 'stats:overview:unsubscribe']);

const clients = {} as Record<Role, Client>;
const project = uniqueProject('swt-authz');
let routes: RouteEntry[] = [];
let events: SocketEventEntry[] = [];
let target: { id: string; name: string };
let victim: string;
let victimToken: number;

beforeAll(async () => {
  routes = await apiRoutes();
  events = socketEvents();
  clients.admin = await adminClient(base);
  clients.operator = await clientWithRole(base, 'operator');
  clients.viewer = await clientWithRole(base, 'viewer');
  // Real objects behind the sample parameters, so that a missing check would really change something.
  target = await createTestContainer({ project, service: 'target', cmd: ['sleep', '3600'] });
  victim = (await (await clientWithRole(base, 'operator')).get('/api/auth/me')).json.username;
  victimToken = (await clients.admin.post('/api/tokens', { name: `victim-${Date.now()}`, role: 'viewer' })).json.id;
  await waitFor(async () => (await clients.admin.get(`/api/containers/${target.id}`)).json?.state === 'running', 'target container known');
});

afterAll(async () => {
  await removeProject(project);
});

/** Every state a refused request could have touched, as the admin and the engine see it. */
async function snapshot(): Promise<string> {
  const a = clients.admin;
  const pick = async (path: string, f: (x: Record<string, unknown>) => unknown) => {
    const r = await a.get(path);
    return Array.isArray(r.json) ? (r.json as Record<string, unknown>[]).map(f) : r.status;
  };
  const info = await docker.getContainer(target.id).inspect();
  return JSON.stringify({
    users: await pick('/api/users', (u) => [u.username, u.role, u.mustChangePassword]),
    tokens: await pick('/api/tokens', (t) => [t.id, t.name, t.role, t.expiresAt]),
    backups: await pick('/api/backups', (b) => [b.id, b.status, b.target]),
    environments: await pick('/api/environments', (e) => e.name),
    destinations: await pick('/api/notifications/destinations', (d) => [d.id, d.name, d.enabled]),
    slotHistory: await pick('/api/slots/history', (h) => h.id),
    container: [info.Name, info.State.Status, info.State.StartedAt, info.RestartCount],
    execs: await runningExecs(target.id),
  });
}

function fill(pattern: string) {
  return samplePath(pattern, (param) => {
    if (param === 'id' && pattern.startsWith('/api/containers')) return target.id;
    if (param === 'id' && pattern.startsWith('/api/tokens')) return String(victimToken);
    if (param === 'username') return victim;
    if (param === 'action') return 'stop';
    if (param === 'name') return 'local';
    return 'sample1';
  });
}

/** A body that would really do something if the check were missing. */
function bodyFor(r: RouteEntry): unknown {
  if (r.method === 'GET') return undefined;
  const key = `${r.method} ${r.pattern}`;
  const bodies: Record<string, unknown> = {
    'POST /api/users': { username: `intruder-${Date.now()}`, password: 'password-123', role: 'admin' },
    'PATCH /api/users/[username]': { role: 'admin' },
    'POST /api/users/[username]/password': { password: 'intruder-pass-1' },
    'POST /api/tokens': { name: 'intruder', role: 'admin' },
    'POST /api/backups': { target: target.name },
    'POST /api/environments': { name: 'intruder', url: 'tcp://127.0.0.1:1' },
    'POST /api/notifications/destinations': { name: 'intruder', kind: 'webhook', url: 'http://127.0.0.1:1/', events: ['*'] },
  };
  return bodies[key] ?? (r.method === 'DELETE' ? undefined : {});
}

describe('inventory against the written matrix', () => {
  it('finds routes through route() only, each needing exactly the role written here', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((r) => !r.viaRoute).map((r) => `${r.method} ${r.pattern}`)).toEqual([]);
    const found = Object.fromEntries(routes.map((r) => [`${r.method} ${r.pattern}`, (r.minRole ?? 'public') as Need]));
    expect(found).toEqual(EXPECTED_ROUTES);
  });

  it('finds socket events through onEvent only, each needing exactly the role written here', () => {
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.permission === null).map((e) => e.event)).toEqual([]);
    expect(Object.fromEntries(events.map((e) => [e.event, e.minRole]))).toEqual(EXPECTED_EVENTS);
  });
});

describe('every route', () => {
  it('answers 401 without a session (all but the public ones), and nothing changes', async () => {
    const anon = new Client(base);
    const before = await snapshot();
    for (const [key, need] of Object.entries(EXPECTED_ROUTES)) {
      const [method, pattern] = key.split(' ');
      const res = await anon.req(method, fill(pattern), bodyFor({ method, pattern } as RouteEntry));
      if (need === 'public') expect(res.status, key).not.toBe(401);
      else expect(res.status, key).toBe(401);
    }
    // the public ones include login and setup, which change nothing without valid credentials
    expect(await snapshot()).toBe(before);
  });

  it('answers 403 to each role below the written one, and each refusal changes nothing', async () => {
    let checked = 0;
    for (const [key, need] of Object.entries(EXPECTED_ROUTES)) {
      if (need === 'public') continue;
      const [method, pattern] = key.split(' ');
      for (const role of ['viewer', 'operator'] as Role[]) {
        if (RANK[role] >= RANK[need]) continue;
        const before = await snapshot();
        const res = await clients[role].req(method, fill(pattern), bodyFor({ method, pattern } as RouteEntry));
        expect(res.status, `${role} ${key}`).toBe(403);
        expect(await snapshot(), `${role} ${key} changed something`).toBe(before);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  }, 120_000);
});

describe('every socket event', () => {
  it('refuses roles below the written one (nothing changes) and bad payloads, with an ack, never a crash', async () => {
    const sockets = {
      viewer: await connectSocket(base, { cookie: clients.viewer.cookie, origin: base }),
      operator: await connectSocket(base, { cookie: clients.operator.cookie, origin: base }),
      admin: await connectSocket(base, { cookie: clients.admin.cookie, origin: base }),
    };
    let refused = 0;
    try {
      for (const [event, need] of Object.entries(EXPECTED_EVENTS)) {
        for (const role of ['viewer', 'operator'] as Role[]) {
          if (RANK[role] >= RANK[need]) continue;
          const before = await snapshot();
          const payload = { containerId: target.id, cmd: ['sh'], cols: 80, rows: 24, sessionId: 'x'.repeat(32), data: 'touch /tmp/pwned\n' };
          const ack = await emitAck<{ ok: boolean; status: number }>(sockets[role], event, payload);
          expect(ack, `${role} ${event}`).toMatchObject({ ok: false, status: 403 });
          expect(await snapshot(), `${role} ${event} changed something`).toBe(before);
          refused++;
        }
        for (const payload of [null, 42, 'x', [], { containerId: '../../etc' }, { sessionId: { $gt: '' } }, { a: 'x'.repeat(10_000) }]) {
          const ack = await emitAck<{ ok: boolean; status: number }>(sockets.admin, event, payload);
          // an event that takes no payload may ignore any object (never a 5xx); every other one refuses it
          if (IGNORES_PAYLOAD.has(event) && ack.ok) continue;
          expect(ack.ok, `${event} ${JSON.stringify(payload).slice(0, 40)}`).toBe(false);
          expect(ack.status, event).toBeGreaterThanOrEqual(400);
          expect(ack.status, event).toBeLessThan(500);
        }
      }
      expect(refused).toBeGreaterThanOrEqual(8);
      expect(sockets.admin.connected).toBe(true);
    } finally {
      Object.values(sockets).forEach((s) => s.close());
    }
  }, 120_000);
});

// ---- fuzz ----
const HOSTILE = [
  '..', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(5000), '<script>alert(1)</script>', "'; DROP TABLE users; --",
  '$(reboot)', '`id`', '|cat /etc/shadow', '\u202e\u0000', '%E0%A4%A', '{{7*7}}', '-1', '0', '99999999999999999999', 'NaN', 'null', ' ', '🐳',
];
const BODIES: unknown[] = [
  'not json', '{', '[]', 'null', '42', '"str"', { username: ['a'] }, { to: 'purple' }, { image: '../../x' }, { target: '../../../etc' },
  { role: 'root', username: 'a b', password: 'x' }, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } },
  { name: 'x'.repeat(100_000) }, { id: -1 }, { cols: -5, rows: 1e9 }, { limit: 'all' },
];

function* cases(): Generator<[string, string, unknown]> {
  let i = 0;
  for (;;) {
    // Logging out is the one legitimate change any input may make; it would end the fuzzer's own session.
    for (const r of routes.filter((x) => x.pattern !== '/api/auth/logout' && x.method !== 'HEAD' && x.method !== 'OPTIONS')) {
      const h = HOSTILE[i % HOSTILE.length];
      const path = samplePath(r.pattern, () => encodeURIComponent(h)) + (i % 3 === 0 ? `?limit=${encodeURIComponent(h)}&tail=${encodeURIComponent(h)}&since=${encodeURIComponent(h)}` : '');
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : BODIES[i % BODIES.length];
      yield [r.method, path, body];
      i++;
    }
  }
}

describe('hostile input', () => {
  it('survives 2,000 bad requests with no 500 and no change', async () => {
    const admin = clients.admin;
    const snapshot = async () => JSON.stringify([(await admin.get('/api/users')).json, (await admin.get('/api/tokens')).json]);
    const before = await snapshot();
    const gen = cases();
    const failures: string[] = [];
    let n = 0;
    const worker = async () => {
      while (n < 2000) {
        const k = n++;
        const [method, path, body] = gen.next().value!;
        const headers: Record<string, string> = k % 7 === 0 ? { 'x-forwarded-host': 'evil.example', 'content-type': 'text/plain' } : {};
        const res = await admin.req(method, path, body, headers);
        if (res.status >= 500) failures.push(`${res.status} ${method} ${path.slice(0, 80)}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures).toEqual([]);
    expect((await admin.get('/api/health')).status).toBe(200);
    expect(await snapshot()).toBe(before);
  }, 180_000);
});
