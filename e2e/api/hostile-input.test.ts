// Every route and socket event, enumerated from the source: 401 without a session, 403 for each role
// below the one it needs; then a bounded fuzz of hostile input asserting no 500, no crash, no change.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Role } from '@/server/contract';
import { apiRoutes, samplePath, socketEvents } from '../support/api-inventory';
import { adminClient, Client, clientWithRole } from '../support/http';
import { connectSocket, emitAck } from '../support/sockets';

const base = inject('slipwayUrl');
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'GET /api/setup', 'POST /api/setup']);
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  clients.admin = await adminClient(base);
  clients.operator = await clientWithRole(base, 'operator');
  clients.viewer = await clientWithRole(base, 'viewer');
});

const routes = apiRoutes();
const events = socketEvents();

describe('inventory', () => {
  it('finds the routes and every route file goes through route()', () => {
    expect(routes.length).toBeGreaterThan(15);
    const appApi = path.resolve(__dirname, '..', '..', 'app', 'api');
    const files = (fs.readdirSync(appApi, { recursive: true }) as string[]).filter((f) => f.endsWith('route.ts'));
    for (const f of files) expect(fs.readFileSync(path.join(appApi, f), 'utf8'), f).toMatch(/\broute\(\{/);
    for (const r of routes) if (!PUBLIC.has(`${r.method} ${r.pattern}`)) expect(r.permission, `${r.method} ${r.pattern}`).not.toBeNull();
  });
});

describe('every route', () => {
  it('answers 401 without a session (all but health, login and setup)', async () => {
    const anon = new Client(base);
    for (const r of routes) {
      const res = await anon.req(r.method, samplePath(r.pattern), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      if (PUBLIC.has(`${r.method} ${r.pattern}`)) expect(res.status, `${r.method} ${r.pattern}`).not.toBe(401);
      else expect(res.status, `${r.method} ${r.pattern}`).toBe(401);
    }
  });

  it('answers 403 to each role below the one it needs, and the refusal changes nothing', async () => {
    let checked = 0;
    for (const r of routes) {
      if (!r.minRole) continue;
      for (const role of ['viewer', 'operator'] as Role[]) {
        if (RANK[role] >= RANK[r.minRole]) continue;
        const res = await clients[role].req(r.method, samplePath(r.pattern), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        expect(res.status, `${role} ${r.method} ${r.pattern}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('every socket event', () => {
  it('refuses roles below the one it needs and bad payloads, with an ack, never a crash', async () => {
    const sockets = {
      viewer: await connectSocket(base, { cookie: clients.viewer.cookie, origin: base }),
      operator: await connectSocket(base, { cookie: clients.operator.cookie, origin: base }),
      admin: await connectSocket(base, { cookie: clients.admin.cookie, origin: base }),
    };
    try {
      for (const e of events) {
        for (const role of ['viewer', 'operator'] as Role[]) {
          if (RANK[role] >= RANK[e.minRole]) continue;
          const ack = await emitAck<{ ok: boolean; status: number }>(sockets[role], e.event, {});
          expect(ack, `${role} ${e.event}`).toMatchObject({ ok: false, status: 403 });
        }
        for (const payload of [null, 42, 'x', [], { containerId: '../../etc' }, { sessionId: { $gt: '' } }, { a: 'x'.repeat(10_000) }]) {
          const ack = await emitAck<{ ok: boolean; status: number }>(sockets.admin, e.event, payload);
          expect(ack.ok, `${e.event} ${JSON.stringify(payload).slice(0, 40)}`).toBe(false);
          expect(ack.status, e.event).toBeGreaterThanOrEqual(400);
          expect(ack.status, e.event).toBeLessThan(500);
        }
      }
      expect(sockets.admin.connected).toBe(true);
    } finally {
      Object.values(sockets).forEach((s) => s.close());
    }
  });
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
    for (const r of routes.filter((x) => x.pattern !== '/api/auth/logout')) {
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
