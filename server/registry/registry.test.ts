// Reference parsing, the digest rules the peers got wrong, and the client against small fake registries
// (bearer flow, Accept headers, timeouts); the real registry is exercised in e2e/api/updates.test.ts.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReference, repoKeyOfDigestEntry } from './reference';
import { planCheck, verdict } from '../updates/compare';
import { RegistryClient } from './client';
import { parseInterval } from '../updates/settings';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

describe('parseReference', () => {
  it('normalises Docker Hub names and finds registries by dot, port or localhost', () => {
    expect(parseReference('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx', tag: 'latest', digest: null });
    expect(parseReference('me/app:1.2')).toEqual({ registry: 'docker.io', repository: 'me/app', tag: '1.2', digest: null });
    expect(parseReference('127.0.0.1:5000/team/app:v1')).toEqual({ registry: '127.0.0.1:5000', repository: 'team/app', tag: 'v1', digest: null });
    expect(parseReference('localhost/app')).toMatchObject({ registry: 'localhost', repository: 'app', tag: 'latest' });
    expect(parseReference(`ghcr.io/o/a:1@${D1}`)).toEqual({ registry: 'ghcr.io', repository: 'o/a', tag: '1', digest: D1 });
  });
  it('refuses malformed references', () => {
    for (const bad of ['', 'UP/case', 'a b', 'x:', '-a', 'a@sha256:12']) expect(() => parseReference(bad)).toThrow();
  });
  it('keys RepoDigests of Docker Hub short names like the reference', () => {
    expect(repoKeyOfDigestEntry(`nginx@${D1}`)).toEqual({ key: 'docker.io/library/nginx', digest: D1 });
  });
});

describe('update verdicts', () => {
  it('compares the remote digest with ALL RepoDigests of the repository, not only the first', () => {
    const plan = planCheck('reg.example.com/app:1', [`reg.example.com/app@${D1}`, `reg.example.com/app@${D2}`, `other.example.com/app@${D3}`]);
    expect(plan.kind).toBe('ask');
    if (plan.kind !== 'ask') return;
    expect(plan.localDigests).toEqual([D1, D2]);
    expect(verdict(plan.localDigests, D2)).toBe('up-to-date');
    expect(verdict(plan.localDigests, D3)).toBe('update-available');
  });
  it('pinned by digest is never outdated; no RepoDigest is local', () => {
    expect(planCheck(`app@${D1}`, [])).toMatchObject({ kind: 'final', status: 'pinned' });
    expect(planCheck('app:1', [])).toMatchObject({ kind: 'final', status: 'local' });
    expect(planCheck(`sha256:${'a'.repeat(64)}`, [])).toMatchObject({ kind: 'final', status: 'pinned' });
    expect(planCheck('reg.example.com/app:1', [`elsewhere.example.com/app@${D1}`])).toMatchObject({ kind: 'final', status: 'local' });
    expect(planCheck('Not Valid', [])).toMatchObject({ kind: 'final', status: 'error', error: 'invalid reference' });
  });
  it('reads SLIPWAY_UPDATE_INTERVAL', () => {
    expect(parseInterval(undefined)).toBe(6 * 3600_000);
    expect(parseInterval('30m')).toBe(1800_000);
    expect(parseInterval('off')).toBeNull();
    expect(() => parseInterval('soon')).toThrow(/SLIPWAY_UPDATE_INTERVAL/);
    expect(() => parseInterval('1s')).toThrow(/SLIPWAY_UPDATE_INTERVAL/);
  });
});

describe('RegistryClient', () => {
  const servers: http.Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      s.close();
    }
  });
  const serve = (handler: http.RequestListener) =>
    new Promise<string>((resolve) => {
      const s = http.createServer(handler);
      servers.push(s);
      s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as { port: number }).port}`));
    });

  it('follows the bearer-token flow with credentials and sends the index and manifest Accept headers', async () => {
    const seen: string[] = [];
    let host = '';
    host = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url!.startsWith('/token')) {
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
        res.end(JSON.stringify({ token: 'T0K', expires_in: 300 }));
        return;
      }
      if (req.headers.authorization !== 'Bearer T0K') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="reg",scope="repository:team/app:pull"` }).end();
        return;
      }
      expect(req.method).toBe('HEAD');
      for (const t of ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'])
        expect(req.headers.accept).toContain(t);
      res.writeHead(200, { 'docker-content-digest': D1 }).end();
    });
    const client = new RegistryClient();
    const ref = parseReference(`${host}/team/app:1`);
    expect(await client.headDigest(ref, { username: 'u', password: 'p' })).toBe(D1);
    // the token is cached: the second check is one HEAD
    expect(await client.headDigest(ref, { username: 'u', password: 'p' })).toBe(D1);
    expect(seen).toEqual(['HEAD /v2/team/app/manifests/1', 'GET /token?service=reg&scope=repository%3Ateam%2Fapp%3Apull', 'HEAD /v2/team/app/manifests/1', 'HEAD /v2/team/app/manifests/1']);
    expect(client.stats.blobRequests).toBe(0);
  });

  it('turns 401, 404, 500, silence and a closed port into short reasons', async () => {
    const host = await serve((req, res) => {
      if (req.url!.includes('/slow/')) return; // never answers
      res.writeHead(req.url!.includes('/nope/') ? 404 : req.url!.includes('/auth/') ? 401 : 500, req.url!.includes('/auth/') ? { 'www-authenticate': 'Basic realm="x"' } : {}).end();
    });
    const client = new RegistryClient(fetch, 500);
    await expect(client.headDigest(parseReference(`${host}/nope/a:1`), null)).rejects.toMatchObject({ reason: 'tag not found' });
    await expect(client.headDigest(parseReference(`${host}/auth/a:1`), null)).rejects.toMatchObject({ reason: 'unauthorized' });
    await expect(client.headDigest(parseReference(`${host}/err/a:1`), null)).rejects.toMatchObject({ reason: 'registry error' });
    await expect(client.headDigest(parseReference(`${host}/slow/a:1`), null)).rejects.toMatchObject({ reason: 'timeout' });
    const closed = await serve(() => undefined);
    servers.pop()!.close();
    await expect(client.headDigest(parseReference(`${closed}/x/a:1`), null)).rejects.toMatchObject({ reason: 'registry unreachable' });
  });
});
