// Issue 21 point 3 and 4 on the real engine: browse a stopped container's files through the archive
// endpoint (sizes, modes, link targets, never following links), download a file or a folder streamed,
// upload as admin (refused with the engine's reason on a read-only root), a container removed during a
// download, and a volume's files through a helper container; every bad input gets a clear 4xx.
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminClient, clientWithRole, waitFor, type Client } from '../support/http';
import { BUSYBOX, createTestContainer, docker, removeProject, uniqueProject } from '../support/containers';

const base = inject('slipwayUrl');
const project = uniqueProject('swt-files');
const volume = `${project}-vol`;
let admin: Client;
let operator: Client;
let viewer: Client;
let stopped: { id: string; name: string };

const q = (p: string) => encodeURIComponent(p);
const known = (ref: string) => waitFor(async () => (await admin.get(`/api/containers/${ref}`)).status === 200, `${ref} known to Slipway`);

async function tarNames(body: Buffer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const extract = tar.extract();
  extract.on('entry', (h, s, next) => {
    const chunks: Buffer[] = [];
    s.on('data', (c: unknown) => chunks.push(c as Buffer));
    s.on('end', () => {
      out.set(h.name, Buffer.concat(chunks).toString());
      next();
    });
  });
  await new Promise((resolve, reject) => {
    extract.on('finish', () => resolve(undefined));
    extract.on('error', reject);
    Readable.from([body]).pipe(extract);
  });
  return out;
}

async function runToEnd(opts: { cmd: string[]; binds?: string[] }) {
  const c = await docker.createContainer({ Image: BUSYBOX, Cmd: opts.cmd, Labels: { 'com.docker.compose.project': project, 'slipway.test': '1' }, HostConfig: { NetworkMode: 'none', Binds: opts.binds } });
  await c.start();
  await c.wait();
  return c;
}

beforeAll(async () => {
  admin = await adminClient(base);
  [operator, viewer] = await Promise.all([clientWithRole(base, 'operator'), clientWithRole(base, 'viewer')]);
  // a stopped container holding a small tree: files are read without it running
  stopped = await createTestContainer({
    project,
    service: 'tree',
    cmd: ['sh', '-c', 'mkdir -p /data/sub && printf hello > /data/hello.txt && chmod 640 /data/hello.txt && ln -s /etc/passwd /data/link && head -c 2000000 /dev/zero > /data/big.bin && echo deep > /data/sub/deep.txt'],
  });
  await waitFor(async () => !(await docker.getContainer(stopped.id).inspect()).State.Running, 'the tree written and the container exited');
  await known(stopped.name);
  await docker.createVolume({ Name: volume, Labels: { 'slipway.test': '1' } });
  await runToEnd({ cmd: ['sh', '-c', 'printf vol > /v/a.txt && mkdir /v/d && echo inner > /v/d/b.txt && ln -s /etc /v/esc'], binds: [`${volume}:/v`] });
});

afterAll(async () => {
  await removeProject(project);
  await docker.getVolume(volume).remove().catch(() => undefined);
});

describe('container files', () => {
  it('lists a stopped container folder with types, sizes, modes and link targets', async () => {
    const r = await operator.get(`/api/containers/${stopped.name}/files?path=${q('/data')}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const by = Object.fromEntries((r.json as { name: string }[]).map((e) => [e.name, e]));
    expect(Object.keys(by).sort()).toEqual(['big.bin', 'hello.txt', 'link', 'sub']);
    expect(by['hello.txt']).toMatchObject({ type: 'file', size: 5, mode: '0640' });
    expect(by['big.bin']).toMatchObject({ type: 'file', size: 2_000_000 });
    expect(by.sub).toMatchObject({ type: 'directory' });
    expect(by.link).toMatchObject({ type: 'symlink', linkTarget: '/etc/passwd' });
  });

  it('normalizes paths inside the container and lists the root', async () => {
    const a = await operator.get(`/api/containers/${stopped.name}/files?path=${q('/data/../data/./sub/..//')}`);
    expect((a.json as { name: string }[]).map((e) => e.name).sort()).toEqual(['big.bin', 'hello.txt', 'link', 'sub']);
    const up = await operator.get(`/api/containers/${stopped.name}/files?path=${q('/../../../etc')}`);
    expect((up.json as { name: string }[]).map((e) => e.name)).toContain('passwd');
    const root = await operator.get(`/api/containers/${stopped.name}/files`);
    expect(root.status).toBe(200);
    expect((root.json as { name: string }[]).map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'data', 'etc']));
  });

  it('never follows a symlink, and answers bad paths with 4xx', async () => {
    const link = await operator.get(`/api/containers/${stopped.name}/files?path=${q('/data/link')}`);
    expect(link.status).toBe(409);
    expect(link.json.linkTarget).toBe('/etc/passwd');
    expect((await operator.get(`/api/containers/${stopped.name}/files/download?path=${q('/data/link')}`)).status).toBe(409);
    const cases: [string, number][] = [
      [`/api/containers/${stopped.name}/files?path=${q('/data/nope')}`, 404],
      [`/api/containers/${stopped.name}/files/download?path=${q('/data/nope')}`, 404],
      [`/api/containers/${stopped.name}/files?path=data`, 400],
      [`/api/containers/${stopped.name}/files?path=${q('/data\0/x')}`, 400],
      [`/api/containers/${stopped.name}/files?path=${q('/' + 'a'.repeat(5000))}`, 400],
      [`/api/containers/${stopped.name}/files?path=${q('/data/hello.txt')}`, 400],
      [`/api/containers/${stopped.name}/files/download`, 400],
      ['/api/containers/no-such-container-here/files?path=/', 404],
    ];
    for (const [path, status] of cases) {
      const r = await operator.get(path);
      expect(r.status, path).toBe(status);
      expect(r.json.error, path).toBeTruthy();
    }
    expect((await viewer.get(`/api/containers/${stopped.name}/files?path=/data`)).status).toBe(403);
  });

  it('downloads a file as its bytes and a folder as a tar', async () => {
    const res = await fetch(`${base}/api/containers/${stopped.name}/files/download?path=${q('/data/hello.txt')}`, { headers: { cookie: operator.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-file-size')).toBe('5');
    expect(res.headers.get('content-disposition')).toContain('hello.txt');
    expect(await res.text()).toBe('hello');
    const big = await fetch(`${base}/api/containers/${stopped.name}/files/download?path=${q('/data/big.bin')}`, { headers: { cookie: operator.cookie! } });
    const bytes = Buffer.from(await big.arrayBuffer());
    expect(bytes.length).toBe(2_000_000);
    expect(bytes.every((b) => b === 0)).toBe(true);
    const folder = await fetch(`${base}/api/containers/${stopped.name}/files/download?path=${q('/data')}`, { headers: { cookie: operator.cookie! } });
    expect(folder.headers.get('content-type')).toBe('application/x-tar');
    const names = await tarNames(Buffer.from(await folder.arrayBuffer()));
    expect(names.get('data/hello.txt')).toBe('hello');
    expect(names.get('data/sub/deep.txt')).toBe('deep\n');
    const audit = (await admin.get('/api/audit?limit=50')).json as { action: string; target: string; detail: string | null }[];
    expect(audit.some((e) => e.action === 'container.file.download' && e.target === stopped.name && e.detail?.includes('/data/hello.txt'))).toBe(true);
  });

  it('uploads a file for an admin only, in place and audited', async () => {
    const put = (c: Client, p: string, body: string) => fetch(`${base}/api/containers/${stopped.name}/files?path=${q(p)}`, { method: 'PUT', body, headers: { cookie: c.cookie!, origin: base } });
    expect((await put(operator, '/data/up.txt', 'nope')).status).toBe(403);
    const r = await put(admin, '/data/up.txt', 'uploaded!');
    expect(r.status, await r.clone().text()).toBe(200);
    const back = await fetch(`${base}/api/containers/${stopped.name}/files/download?path=${q('/data/up.txt')}`, { headers: { cookie: admin.cookie! } });
    expect(await back.text()).toBe('uploaded!');
    // replacing keeps the file's mode
    expect((await put(admin, '/data/hello.txt', 'replaced')).status).toBe(200);
    const listed = (await admin.get(`/api/containers/${stopped.name}/files?path=/data`)).json as { name: string; mode: string; size: number }[];
    expect(listed.find((e) => e.name === 'hello.txt')).toMatchObject({ mode: '0640', size: 8 });
    expect((await put(admin, '/no/such/dir/x.txt', 'x')).status).toBe(404);
    expect((await put(admin, '/data/sub', 'x')).status).toBe(409);
    expect((await put(admin, '/', 'x')).status).toBe(400);
    const audit = (await admin.get('/api/audit?limit=50')).json as { action: string; target: string; result: string }[];
    expect(audit.some((e) => e.action === 'container.file.upload' && e.target === stopped.name && e.result === 'ok')).toBe(true);
  });

  it('refuses an upload to a read-only root filesystem with the engine reason', async () => {
    const ro = await docker.createContainer({ name: `${project}-ro`, Image: BUSYBOX, Cmd: ['sleep', '3600'], Labels: { 'com.docker.compose.project': project }, HostConfig: { NetworkMode: 'none', ReadonlyRootfs: true } });
    await known(`${project}-ro`);
    const r = await fetch(`${base}/api/containers/${project}-ro/files?path=${q('/etc/x.txt')}`, { method: 'PUT', body: 'x', headers: { cookie: admin.cookie!, origin: base } });
    const json = await r.json();
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(json.error).toMatch(/read-only/i);
    await expect(ro.getArchive({ path: '/etc/x.txt' })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('never hands out a clean short file when the container is removed during a download', async () => {
    // This engine holds the removal until the archive stream ends; either way the client must end up with
    // every byte or a failed transfer (the server side of a cut is covered in server/files/file-read.test.ts).
    const size = 100_000_000;
    const c = await createTestContainer({ project, service: 'bigfile', cmd: ['sh', '-c', `head -c ${size} /dev/zero > /big && touch /ready && sleep 3600`] });
    await waitFor(async () => docker.getContainer(c.id).getArchive({ path: '/ready' }).then(() => true, () => false), 'big file written', 60_000);
    await known(c.name);
    const res = await fetch(`${base}/api/containers/${c.name}/files/download?path=/big`, { headers: { cookie: operator.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-file-size')).toBe(String(size));
    const reader = res.body!.getReader();
    let got = (await reader.read()).value!.length;
    const removal = docker.getContainer(c.id).remove({ force: true });
    const outcome = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'complete';
        got += value.length;
      }
    })().catch(() => 'failed');
    await removal;
    if (outcome === 'complete') expect(got).toBe(size);
    else expect(got).toBeLessThan(size);
    await expect(docker.getContainer(c.id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('volume files', () => {
  const helpers = async () => (await docker.listContainers({ all: true, filters: { label: ['slipway.files.helper'] } })).length;

  it('lists and downloads a volume through a read-only helper, never following links out of it', async () => {
    const r = await operator.get(`/api/volumes/${volume}/files?path=/`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const by = Object.fromEntries((r.json as { name: string }[]).map((e) => [e.name, e]));
    expect(Object.keys(by).sort()).toEqual(['a.txt', 'd', 'esc']);
    expect(by['a.txt']).toMatchObject({ type: 'file', size: 3 });
    expect(by.esc).toMatchObject({ type: 'symlink', linkTarget: '/etc' });
    expect((await operator.get(`/api/volumes/${volume}/files?path=/d`)).json.map((e: { name: string }) => e.name)).toEqual(['b.txt']);
    expect((await operator.get(`/api/volumes/${volume}/files?path=/esc`)).status).toBe(409);
    // a link on the way would be resolved in the helper's own root: refused
    expect((await operator.get(`/api/volumes/${volume}/files?path=/esc/passwd`)).status).toBe(409);
    expect((await operator.get(`/api/volumes/${volume}/files/download?path=/esc/passwd`)).status).toBe(409);
    const file = await fetch(`${base}/api/volumes/${volume}/files/download?path=/a.txt`, { headers: { cookie: operator.cookie! } });
    expect(await file.text()).toBe('vol');
    const folder = await fetch(`${base}/api/volumes/${volume}/files/download?path=/d`, { headers: { cookie: operator.cookie! } });
    expect((await tarNames(Buffer.from(await folder.arrayBuffer()))).get('d/b.txt')).toBe('inner\n');
    expect((await operator.get(`/api/volumes/${volume}/files?path=/nope`)).status).toBe(404);
    expect((await operator.get('/api/volumes/no-such-volume-here/files?path=/')).status).toBe(404);
    expect((await viewer.get(`/api/volumes/${volume}/files?path=/`)).status).toBe(403);
    await waitFor(async () => (await helpers()) === 0, 'helper containers removed');
  });
});
