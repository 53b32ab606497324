// Update detection and one-click update against a real registry on 127.0.0.1 (Debian's docker-registry):
// push v1 and run it through compose, push v2 to the same tag → update-available within one check →
// update → v2 serves, up-to-date; push v3 whose healthcheck fails → rolled back, v2 still serves on the
// same image ID. Once anonymous, once with basic auth (credentials added by an admin, stored encrypted).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, clientWithRole, type Client, waitFor } from '../support/http';
import { createTestContainer, docker, removeProject } from '../support/containers';
import { buildImage, composeUp, push, removeImages, startRegistry, uid, type LocalRegistry, type Stack } from './updates-fixture';

const run = promisify(execFile);
const base = inject('slipwayUrl');
let admin: Client;
let operator: Client;
let viewer: Client;

beforeAll(async () => {
  admin = await adminClient(base);
  operator = await clientWithRole(base, 'operator');
  viewer = await clientWithRole(base, 'viewer');
});

async function serving(s: Stack): Promise<string> {
  return waitFor(async () => {
    try {
      const r = await fetch(`http://127.0.0.1:${s.port}/version`);
      return r.ok ? (await r.text()).trim() : null;
    } catch {
      return null;
    }
  }, 'web serves', 20_000);
}

async function statusOf(s: Stack): Promise<{ status: string; localDigests: string[]; remoteDigest: string | null; error?: string; errorDetail?: string }> {
  const r = await operator.post('/api/updates/check?wait=1', {});
  expect(r.status).toBe(200);
  const u = r.json.find((x: { project: string }) => x.project === s.project);
  expect(u).toBeTruthy();
  return u;
}

async function update(s: Stack) {
  const r = await operator.post(`/api/stacks/${s.project}/services/web/update`, {});
  expect(r.status).toBe(202);
  return waitFor(async () => {
    const j = await operator.get(`/api/updates/jobs/${r.json.id}`);
    return j.json.status !== 'running' ? j.json : null;
  }, 'update finished', 90_000, 250);
}

async function runningImageId(s: Stack): Promise<string> {
  const [c] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${s.project}`] } });
  return c.ImageID;
}

function scenario(name: string, auth?: { username: string; password: string }) {
  describe(`${name} registry`, () => {
    let registry: LocalRegistry;
    let stack: Stack | null = null;
    const repo = `swupd-${uid()}/web`;
    const refs: string[] = [];

    beforeAll(async () => {
      registry = await startRegistry(auth);
      if (auth) {
        expect((await operator.post('/api/registries', { registry: registry.host, ...auth })).status).toBe(403);
        expect((await admin.post('/api/registries', { registry: registry.host, ...auth })).status).toBe(200);
      }
    });

    afterAll(async () => {
      if (stack) {
        await run('docker-compose', ['-p', stack.project, 'down', '-t', '0'], { cwd: stack.dir }).catch(() => undefined);
        await removeProject(stack.project);
        fs.rmSync(stack.dir, { recursive: true, force: true });
      }
      await removeImages([...refs, `${registry.host}/${repo}:stable`, `slipway-rollback:${stack?.project}.web`]);
      if (auth) await admin.req('DELETE', `/api/registries/${registry.host}`);
      await registry?.stop();
    });

    it('detects v2 within one check, updates to it, and rolls back a v3 whose health fails', async () => {
      const tag = `${registry.host}/${repo}:stable`;
      refs.push(`${tag}-v1`, `${tag}-v2`, `${tag}-v3`);
      await buildImage(`${registry.host}/${repo}:v1`, 'v1');
      await buildImage(`${registry.host}/${repo}:v2`, 'v2');
      await buildImage(`${registry.host}/${repo}:v3`, 'v3', { healthy: false });
      refs.push(`${registry.host}/${repo}:v1`, `${registry.host}/${repo}:v2`, `${registry.host}/${repo}:v3`);
      await run('docker', ['tag', `${registry.host}/${repo}:v1`, tag]);
      await push(registry, tag);
      stack = await composeUp(registry, repo);
      expect(await serving(stack)).toBe('v1');
      await waitFor(async () => (await operator.get('/api/stacks')).json.some((s: { name: string }) => s.name === stack!.project), 'stack listed');

      const first = await statusOf(stack);
      expect(first.status).toBe('up-to-date');
      expect(first.localDigests).toContain(first.remoteDigest);

      await run('docker', ['tag', `${registry.host}/${repo}:v2`, tag]);
      await push(registry, tag);
      // the local tag moved too; the running container still has v1, so point the tag back at v1's image
      await run('docker', ['tag', `${registry.host}/${repo}:v1`, tag]);
      const second = await statusOf(stack);
      expect(second.status).toBe('update-available');
      expect(second.localDigests).not.toContain(second.remoteDigest);
      // viewers see it too, without error detail
      const seen = (await viewer.get('/api/updates')).json.find((x: { project: string }) => x.project === stack!.project);
      expect(seen.status).toBe('update-available');

      expect((await viewer.post(`/api/stacks/${stack.project}/services/web/update`, {})).status).toBe(403);
      const job = await update(stack);
      expect(job.status, job.output).toBe('succeeded');
      expect(await serving(stack)).toBe('v2');
      const v2Id = await runningImageId(stack);
      expect(v2Id).toBe((await docker.getImage(`${registry.host}/${repo}:v2`).inspect()).Id);
      expect((await statusOf(stack)).status).toBe('up-to-date');

      await run('docker', ['tag', `${registry.host}/${repo}:v3`, tag]);
      await push(registry, tag);
      await run('docker', ['tag', `${registry.host}/${repo}:v2`, tag]);
      expect((await statusOf(stack)).status).toBe('update-available');
      const bad = await update(stack);
      expect(bad.status, bad.output).toBe('rolled-back');
      expect(await serving(stack)).toBe('v2');
      expect(await runningImageId(stack)).toBe(v2Id);
      const audit = await admin.get('/api/audit?limit=50');
      const entries = audit.json.filter((a: { action: string; target: string }) => a.action === 'service.update' && a.target === `${stack!.project}/web`);
      expect(entries.map((a: { result: string }) => a.result)).toEqual(['failed', 'ok']);
    }, 240_000);
  });
}

scenario('anonymous');
scenario('basic-auth', { username: 'slipway', password: `pw-${uid()}` });

describe('slipway.update labels', () => {
  let registry: LocalRegistry;
  let stack: Stack | null = null;
  const repo = `swupd-${uid()}/auto`;
  afterAll(async () => {
    if (stack) {
      await run('docker-compose', ['-p', stack.project, 'down', '-t', '0'], { cwd: stack.dir }).catch(() => undefined);
      await removeProject(stack.project);
      fs.rmSync(stack.dir, { recursive: true, force: true });
    }
    await removeImages([`${registry.host}/${repo}:v1`, `${registry.host}/${repo}:v2`, `${registry.host}/${repo}:stable`, `slipway-rollback:${stack?.project}.web`]);
    await registry?.stop();
  });

  it('auto: a check that finds a new image updates the service by itself', async () => {
    registry = await startRegistry();
    const tag = `${registry.host}/${repo}:stable`;
    await buildImage(`${registry.host}/${repo}:v1`, 'v1');
    await buildImage(`${registry.host}/${repo}:v2`, 'v2');
    await run('docker', ['tag', `${registry.host}/${repo}:v1`, tag]);
    await push(registry, tag);
    stack = await composeUp(registry, repo, { 'slipway.update': 'auto' });
    expect(await serving(stack)).toBe('v1');
    await waitFor(async () => (await operator.get('/api/containers')).json.some((c: { project: string }) => c.project === stack!.project), 'listed');
    expect((await statusOf(stack)).status).toBe('up-to-date');
    await run('docker', ['tag', `${registry.host}/${repo}:v2`, tag]);
    await push(registry, tag);
    await run('docker', ['tag', `${registry.host}/${repo}:v1`, tag]);
    const found = await statusOf(stack);
    expect(found).toMatchObject({ status: 'update-available', policy: 'auto' });
    const v2Id = (await docker.getImage(`${registry.host}/${repo}:v2`).inspect()).Id;
    await waitFor(async () => (await runningImageId(stack!).catch(() => '')) === v2Id, 'auto-updated to v2', 60_000, 250);
    expect(await serving(stack)).toBe('v2');
    // the audit entry lands once the health wait is over
    const audit = await waitFor(async () => (await admin.get('/api/audit?limit=50')).json.find((a: { action: string; target: string }) => a.action === 'service.update' && a.target === `${stack!.project}/web`), 'audited', 30_000);
    expect(audit).toMatchObject({ username: 'auto-update', result: 'ok' });
  }, 120_000);

  it('off: the container is never checked', async () => {
    const c = await docker.createContainer({ name: `swupd-off-${uid()}`, Image: 'slipway/busybox:1', Cmd: ['sleep', '300'], Labels: { 'slipway.test': '1', 'slipway.update': 'off' }, HostConfig: { NetworkMode: 'host' } });
    try {
      await c.start();
      await waitFor(async () => (await operator.get('/api/containers')).json.some((x: { id: string }) => x.id === c.id), 'listed');
      const r = await operator.post('/api/updates/check?wait=1', {});
      expect(r.json.some((u: { containerId: string }) => u.containerId === c.id)).toBe(false);
      expect(r.json.length).toBeGreaterThan(0);
    } finally {
      await c.remove({ force: true });
    }
  });
});

describe('update of a service: bad input', () => {
  it('answers 400 for bad names, 404 for an unknown service, 409 for a service compose did not start', async () => {
    expect((await operator.post('/api/stacks/BAD NAME/services/web/update', {})).status).toBe(400);
    expect((await operator.post('/api/stacks/ok/services/..%2F..%2Fetc/update', {})).status).toBe(400);
    expect((await operator.post(`/api/stacks/swupd-none-${uid()}/services/web/update`, {})).status).toBe(404);
    const project = `swupd-nocompose-${uid()}`;
    const c = await createTestContainer({ project, service: 'web', cmd: ['sleep', '300'] });
    try {
      await waitFor(async () => (await operator.get('/api/containers')).json.some((x: { id: string }) => x.id === c.id), 'listed');
      const r = await operator.post(`/api/stacks/${project}/services/web/update`, {});
      expect(r.status).toBe(409);
      expect(r.json.error).toMatch(/compose/);
    } finally {
      await removeProject(project);
    }
  });
});

describe('update statuses when the registry cannot say', () => {
  const made: string[] = [];
  const ids: string[] = [];
  const registries: LocalRegistry[] = [];
  afterAll(async () => {
    for (const i of ids) await docker.getContainer(i).remove({ force: true }).catch(() => undefined);
    await removeImages(made);
    for (const r of registries) await r.stop();
  });

  /** pushes a fresh image to `registry` and pulls it back, so the local image carries its RepoDigest */
  async function tracked(registry: LocalRegistry, repo: string): Promise<string> {
    const ref = `${registry.host}/${repo}:1`;
    made.push(ref);
    await buildImage(ref, repo);
    await push(registry, ref);
    await run('docker', ['pull', ref], { env: { ...process.env, DOCKER_CONFIG: registry.dockerConfig } });
    return ref;
  }

  async function runIt(name: string, image: string) {
    const c = await docker.createContainer({ name: `${name}-${uid()}`, Image: image, Cmd: ['sleep', '300'], Labels: { 'slipway.test': '1' }, HostConfig: { NetworkMode: 'host' } });
    ids.push(c.id);
    await c.start();
    return c.id;
  }

  it('local, pinned, unreachable, 401 and 404 become per-image statuses with a reason, never a 500', async () => {
    const id = uid();
    const gone = await startRegistry();
    const locked = await startRegistry({ username: 'u', password: `p-${id}` });
    const plain = await startRegistry();
    registries.push(gone, locked, plain);
    const local = `swupd-local-${id}:1`;
    made.push(local);
    await buildImage(local, 'local');
    const unreachable = await tracked(gone, `swupd-gone-${id}`);
    const unauthorized = await tracked(locked, `swupd-locked-${id}`);
    const missing = await tracked(plain, `swupd-missing-${id}`);
    // the tag disappears from the registry: HEAD answers 404
    const digest = (await docker.getImage(missing).inspect()).RepoDigests[0].split('@')[1];
    expect((await fetch(`http://${plain.host}/v2/swupd-missing-${id}/manifests/${digest}`, { method: 'DELETE' })).status).toBe(202);
    await gone.stop();
    registries.splice(registries.indexOf(gone), 1);
    const pinnedRef = `${plain.host}/swupd-missing-${id}@${digest}`;

    const cLocal = await runIt('swupd-local', local);
    const cUnreach = await runIt('swupd-unreach', unreachable);
    const cUnauth = await runIt('swupd-unauth', unauthorized);
    const cMissing = await runIt('swupd-missing', missing);
    const cPinned = await runIt('swupd-pinned', pinnedRef);
    await waitFor(async () => (await operator.get('/api/containers')).json.filter((c: { id: string }) => ids.includes(c.id)).length === ids.length, 'containers listed');

    const t0 = Date.now();
    const r = await operator.post('/api/updates/check?wait=1', {});
    expect(r.status).toBe(200);
    const by = (cid: string) => r.json.find((u: { containerId: string }) => u.containerId === cid);
    expect(by(cLocal).status).toBe('local');
    expect(by(cPinned).status).toBe('pinned');
    expect(by(cUnreach)).toMatchObject({ status: 'error', error: 'registry unreachable' });
    expect(by(cUnauth)).toMatchObject({ status: 'error', error: 'unauthorized' });
    expect(by(cMissing)).toMatchObject({ status: 'error', error: 'tag not found' });
    expect(by(cUnreach).errorDetail).toContain(unreachable.split('/')[0]);
    // viewers get the short fixed reason only
    const v = (await viewer.get('/api/updates')).json.find((u: { containerId: string }) => u.containerId === cUnauth);
    expect(v.error).toBe('unauthorized');
    expect(v.errorDetail).toBeUndefined();
    // the engine's other work does not wait on the registries meanwhile
    expect((await operator.get('/api/images')).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect((await operator.post('/api/updates/check', { bogus: 1 })).status).toBe(400);
    expect((await viewer.post('/api/updates/check', {})).status).toBe(403);
  }, 120_000);
});
