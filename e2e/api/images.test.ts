// Images, volumes and networks on the real engine: listings with the containers using each, pull by
// reference from a local registry with progress, removal refused while in use, prune of exactly what
// the preview showed, remove-unused, permissions and bad input.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { adminClient, clientWithRole, type Client, waitFor } from '../support/http';
import { BUSYBOX, createTestContainer, docker, removeContainer } from '../support/containers';
import { connectSocket } from '../support/sockets';
import { buildImage, push, removeImages, startRegistry, uid, type LocalRegistry } from './updates-fixture';

const base = inject('slipwayUrl');
const id = uid();
let admin: Client;
let viewer: Client;
let registry: LocalRegistry;
const made: string[] = [];
const containers: string[] = [];

beforeAll(async () => {
  admin = await adminClient(base);
  viewer = await clientWithRole(base, 'viewer');
  registry = await startRegistry();
});

afterAll(async () => {
  for (const c of containers) await removeContainer(c);
  await removeImages(made);
  await docker.getVolume(`swimg-vol-${id}`).remove().catch(() => undefined);
  await docker.getVolume(`swimg-free-${id}`).remove().catch(() => undefined);
  await docker.getNetwork(`swimg-net-${id}`).remove().catch(() => undefined);
  await docker.getNetwork(`swimg-free-${id}`).remove().catch(() => undefined);
  await registry?.stop();
});

describe('images', () => {
  it('lists every image with tags, digests, size, creation time and the containers using it', async () => {
    const c = await createTestContainer({ project: null, service: `swimg-user-${id}`, cmd: ['sleep', '300'] });
    containers.push(c.id);
    const r = await admin.get('/api/images');
    expect(r.status).toBe(200);
    const bb = r.json.find((i: { tags: string[] }) => i.tags.includes(BUSYBOX));
    expect(bb).toBeTruthy();
    expect(bb.id).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(bb.sizeBytes).toBeGreaterThan(100_000);
    expect(Date.parse(bb.created)).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(Array.isArray(bb.digests)).toBe(true);
    expect(bb.containers.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it('refuses to remove an image in use (409) and removes an unused one', async () => {
    const busy = await admin.req('DELETE', `/api/images/${encodeURIComponent(BUSYBOX_ID())}`);
    expect(busy.status).toBe(409);
    expect(busy.json.error).toMatch(/in use/);
    const tag = `swimg-rm-${id}:1`;
    made.push(tag);
    await buildImage(tag, 'rm');
    const img = await docker.getImage(tag).inspect();
    expect((await viewer.req('DELETE', `/api/images/${img.Id}`)).status).toBe(403);
    const ok = await admin.req('DELETE', `/api/images/${img.Id}`);
    expect(ok.status).toBe(200);
    await expect(docker.getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await admin.req('DELETE', '/api/images/not-an-id')).status).toBe(400);
    expect((await admin.req('DELETE', `/api/images/${'ab'.repeat(32)}`)).status).toBe(404);
  });

  it('prune shows the space it frees, then removes exactly the previewed images', async () => {
    const tags = [`swimg-prune-a-${id}:1`, `swimg-prune-b-${id}:1`];
    made.push(...tags);
    for (const t of tags) await buildImage(t, t);
    const ids = await Promise.all(tags.map(async (t) => (await docker.getImage(t).inspect()).Id));
    const sizes = await Promise.all(tags.map(async (t) => (await docker.getImage(t).inspect()).Size));
    const preview = await admin.get('/api/images/prune');
    expect(preview.status).toBe(200);
    for (const i of ids) expect(preview.json.images.map((x: { id: string }) => x.id)).toContain(i);
    expect(preview.json.reclaimableBytes).toBeGreaterThanOrEqual(sizes[0] + sizes[1]);
    // the busybox image is in use by the container above: never a prune candidate
    expect(preview.json.images.map((x: { id: string }) => x.id)).not.toContain(BUSYBOX_ID());
    expect((await viewer.post('/api/images/prune', { ids })).status).toBe(403);
    expect((await admin.post('/api/images/prune', {})).status).toBe(400);
    const r = await admin.post('/api/images/prune', { ids: [...ids, BUSYBOX_ID()] });
    expect(r.status).toBe(200);
    expect(r.json.deleted.sort()).toEqual([...ids].sort());
    expect(r.json.reclaimedBytes).toBe(sizes[0] + sizes[1]);
    expect(r.json.skipped).toEqual([{ id: BUSYBOX_ID(), reason: 'in use' }]);
    await docker.getImage(BUSYBOX).inspect(); // still there
  });

  it('pulls by reference with live layer progress over socket.io', async () => {
    const ref = `${registry.host}/swimg-${id}/pulled:1`;
    made.push(ref);
    await buildImage(ref, 'pulled', { padBytes: 2_000_000 });
    await push(registry, ref);
    await removeImages([ref]);
    const socket: Socket = await connectSocket(base, { cookie: admin.cookie, origin: base });
    const progress: { bytesTotal: number; layers: unknown[] }[] = [];
    const done: { id: string; status: string }[] = [];
    socket.on('images:pull-progress', (p) => progress.push(p));
    socket.on('images:pull-done', (p) => done.push(p));
    try {
      expect((await viewer.post('/api/images/pull', { reference: ref })).status).toBe(403);
      const r = await admin.post('/api/images/pull', { reference: ref });
      expect(r.status).toBe(202);
      const state = await waitFor(async () => {
        const s = await admin.get(`/api/images/pull/${r.json.id}`);
        return s.json.status !== 'running' ? s.json : null;
      }, 'pull finished', 30_000);
      expect(state.status).toBe('succeeded');
      expect(state.layers.length).toBeGreaterThan(0);
      expect(state.bytesTotal).toBeGreaterThan(500_000); // the 2 MB random layer, compressed barely at all
      await waitFor(async () => done.find((d) => d.id === r.json.id), 'pull-done pushed');
      expect(progress.length).toBeGreaterThan(0);
      expect((await docker.getImage(ref).inspect()).RepoDigests.length).toBe(1);
    } finally {
      socket.close();
    }
  });

  it('reports a failed pull and refuses malformed references', async () => {
    const r = await admin.post('/api/images/pull', { reference: `${registry.host}/swimg-${id}/missing:9` });
    expect(r.status).toBe(202);
    const state = await waitFor(async () => {
      const s = await admin.get(`/api/images/pull/${r.json.id}`);
      return s.json.status !== 'running' ? s.json : null;
    }, 'pull finished', 30_000);
    expect(state.status).toBe('failed');
    expect(state.error).toBeTruthy();
    for (const reference of ['', 'UPPER/case', 'a b', 'x:', '../etc', 'a@sha256:xyz']) expect((await admin.post('/api/images/pull', { reference })).status).toBe(400);
    expect((await admin.post('/api/images/pull', { reference: 'busybox', extra: 1 })).status).toBe(400);
  });
});

let busyboxId = '';
const BUSYBOX_ID = () => busyboxId;
beforeAll(async () => {
  busyboxId = (await docker.getImage(BUSYBOX).inspect()).Id;
});

describe('volumes', () => {
  it('lists driver, size and the containers using each; refuses removing one in use; removes unused ones after confirmation', async () => {
    const used = `swimg-vol-${id}`;
    const free = `swimg-free-${id}`;
    await docker.createVolume({ Name: used, Labels: { 'slipway.test': '1' } });
    await docker.createVolume({ Name: free, Labels: { 'slipway.test': '1' } });
    const c = await docker.createContainer({ name: `swimg-vc-${id}`, Image: BUSYBOX, Cmd: ['sh', '-c', 'head -c 5000 /dev/zero > /data/f; sleep 300'], Labels: { 'slipway.test': '1' }, HostConfig: { NetworkMode: 'host', Binds: [`${used}:/data`] } });
    containers.push(c.id);
    await c.start();
    const r = await admin.get('/api/volumes?sizes=1');
    expect(r.status).toBe(200);
    const v = r.json.find((x: { name: string }) => x.name === used);
    expect(v.driver).toBe('local');
    expect(v.containers.map((x: { id: string }) => x.id)).toEqual([c.id]);
    await waitFor(async () => ((await admin.get('/api/volumes?sizes=1')).json.find((x: { name: string }) => x.name === used).sizeBytes ?? 0) >= 5000, 'size reported');
    expect(r.json.find((x: { name: string }) => x.name === free).containers).toEqual([]);
    expect((await admin.req('DELETE', `/api/volumes/${used}`)).status).toBe(409);
    expect((await viewer.post('/api/volumes/prune', { names: [free] })).status).toBe(403);
    const pr = await admin.post('/api/volumes/prune', { names: [free, used] });
    expect(pr.status).toBe(200);
    expect(pr.json.removed).toEqual([free]);
    expect(pr.json.skipped).toEqual([{ name: used, reason: 'in use' }]);
    expect((await admin.req('DELETE', '/api/volumes/..%2Fetc')).status).toBe(400);
    expect((await admin.post('/api/volumes/prune', { names: [] })).status).toBe(400);
  });
});

describe('networks', () => {
  it('lists driver and the containers on each; builtin and in-use networks are not removed', async () => {
    const used = `swimg-net-${id}`;
    const free = `swimg-free-${id}`;
    await docker.createNetwork({ Name: used, Labels: { 'slipway.test': '1' } });
    await docker.createNetwork({ Name: free, Labels: { 'slipway.test': '1' } });
    const c = await docker.createContainer({ name: `swimg-nc-${id}`, Image: BUSYBOX, Cmd: ['sleep', '300'], Labels: { 'slipway.test': '1' }, HostConfig: { NetworkMode: used } });
    containers.push(c.id);
    await c.start();
    const r = await admin.get('/api/networks');
    expect(r.status).toBe(200);
    const n = r.json.find((x: { name: string }) => x.name === used);
    expect(n.driver).toBe('bridge');
    expect(n.containers.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(r.json.find((x: { name: string }) => x.name === 'host').builtin).toBe(true);
    expect((await admin.req('DELETE', '/api/networks/host')).status).toBe(409);
    expect((await admin.req('DELETE', `/api/networks/${used}`)).status).toBe(409);
    const pr = await admin.post('/api/networks/prune', { names: [free, used] });
    expect(pr.json.removed).toEqual([free]);
    expect(pr.json.skipped.map((s: { name: string }) => s.name)).toEqual([used]);
    expect((await admin.req('DELETE', `/api/networks/swimg-none-${id}`)).status).toBe(404);
  });
});
