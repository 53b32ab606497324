// The audit log's filters, paging and export (issue 17.8) against the real server: entries made by
// real actions (token creation and revocation), narrowed by user, action (exact or family), target,
// result, time and search; a page after a given id; CSV and JSON lines downloads; a viewer's search
// never matches another user's details.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, clientWithRole, type Client } from '../support/http';

const base = inject('slipwayUrl');
const uid = `aud${Date.now().toString(36)}${process.pid}`;
let admin: Client;
let viewer: Client;
type Entry = { id: number; at: string; username: string | null; action: string; target: string | null; result: string; detail: string | null };
const list = async (c: Client, qs: string) => {
  const r = await c.get(`/api/audit?${qs}`);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as Entry[];
};

beforeAll(async () => {
  admin = await adminClient(base);
  viewer = await clientWithRole(base, 'viewer');
  for (const n of ['a', 'b', 'c']) expect((await admin.post('/api/tokens', { name: `${uid}-${n}`, role: 'viewer' })).status).toBe(200);
});

describe('audit log filters, paging and export', () => {
  it('narrows by target, newest first, and pages after an id', async () => {
    const all = await list(admin, `target=${uid}`);
    expect(all.map((e) => e.target)).toEqual([`${uid}-c`, `${uid}-b`, `${uid}-a`]);
    expect(all.every((e) => e.action === 'token.create' && e.result === 'ok')).toBe(true);
    const first = await list(admin, `target=${uid}&limit=2`);
    expect(first.map((e) => e.target)).toEqual([`${uid}-c`, `${uid}-b`]);
    const next = await list(admin, `target=${uid}&limit=2&before=${first[1].id}`);
    expect(next.map((e) => e.target)).toEqual([`${uid}-a`]);
  });

  it('narrows by action (exact or a family), user, result, time and search', async () => {
    const tokens = (await admin.get('/api/tokens')).json as { id: number; name: string }[];
    const a = tokens.find((t) => t.name === `${uid}-a`)!;
    expect((await admin.req('DELETE', `/api/tokens/${a.id}`)).status).toBe(200);
    expect((await list(admin, `target=${uid}&action=token.create`)).length).toBe(3);
    expect((await list(admin, `target=${uid}&action=token.revoke`)).map((e) => e.target)).toEqual([`${uid}-a`]);
    expect((await list(admin, `target=${uid}&action=token.`)).length).toBe(4);
    expect((await list(admin, `target=${uid}&action=token`)).length).toBe(0); // not a family without the dot
    expect((await list(admin, `target=${uid}&user=admin`)).length).toBe(4);
    expect((await list(admin, `target=${uid}&user=someone-else`)).length).toBe(0);
    expect((await list(admin, `target=${uid}&result=failed`)).length).toBe(0);
    expect((await list(admin, `target=${uid}&since=2100-01-01T00:00:00Z`)).length).toBe(0);
    expect((await list(admin, `target=${uid}&until=2000-01-01T00:00:00Z`)).length).toBe(0);
    expect((await list(admin, `target=${uid}&since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).length).toBe(4);
    expect((await list(admin, `q=${uid.toUpperCase()}`)).length).toBe(4); // any case
  });

  it("never lets a viewer's search match another user's details", async () => {
    // the admin's token.create details hold "expiresAt"; the viewer sees the rows but not their details
    expect((await list(admin, `target=${uid}&action=token.create&q=expiresAt`)).length).toBe(3);
    expect((await list(viewer, `target=${uid}&action=token.create&q=expiresAt`)).length).toBe(0);
    const seen = await list(viewer, `target=${uid}`);
    expect(seen.length).toBe(4);
    expect(seen.every((e) => e.detail === null)).toBe(true);
  });

  it('exports the filtered log as JSON lines and CSV', async () => {
    const jsonl = await fetch(`${base}/api/audit/export?target=${uid}&action=token.create&format=jsonl`, { headers: { cookie: admin.cookie! } });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-disposition')).toMatch(/attachment; filename="slipway-audit-.*\.jsonl"/);
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as Entry);
    expect(lines.map((e) => e.target)).toEqual([`${uid}-c`, `${uid}-b`, `${uid}-a`]);
    const csv = await fetch(`${base}/api/audit/export?target=${uid}&format=csv`, { headers: { cookie: admin.cookie! } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe('id,at,username,action,target,result,detail');
    expect(rows.length).toBe(5);
    expect(rows[1]).toContain(`,admin,token.revoke,${uid}-a,ok,`);
  });

  it('answers bad filters with 400', async () => {
    for (const qs of ['limit=0', 'limit=1001', 'before=-1', 'since=not-a-date', 'result=maybe', 'colour=red', `q=${'x'.repeat(201)}`]) {
      const r = await admin.get(`/api/audit?${qs}`);
      expect(r.status, qs).toBe(400);
    }
    expect((await admin.get('/api/audit/export?format=xml')).status).toBe(400);
  });
});
