// The registry client of update detection: one HEAD of the tag's manifest (manifest list, OCI index
// and single manifests all accepted, so the digest is the one `docker pull` records), with the bearer
// token flow or basic auth when the registry asks. Never a blob, never a body beyond a token.
// Per registry: at most MAX_PARALLEL requests at once; tokens cached until they expire.
import type { Credential } from './credentials';
import { apiBase, type ImageRef } from './reference';

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

const MAX_PARALLEL = 4;
const TIMEOUT_MS = 10_000;

/** a failure with a short fixed reason (shown to every role) and a detail (operators and admins) */
export class RegistryError extends Error {
  constructor(public reason: 'registry unreachable' | 'timeout' | 'unauthorized' | 'tag not found' | 'registry error' | 'invalid reference', public detail: string) {
    super(`${reason}: ${detail}`);
  }
}

export interface RegistryStats {
  requests: number;
  bytes: number;
  /** requests for anything under /blobs/: must stay 0 */
  blobRequests: number;
}

type FetchFn = typeof fetch;

export class RegistryClient {
  readonly stats: RegistryStats = { requests: 0, bytes: 0, blobRequests: 0 };
  private tokens = new Map<string, { token: string; until: number }>();
  private active = new Map<string, number>();
  private waiting = new Map<string, (() => void)[]>();

  constructor(private fetchFn: FetchFn = fetch, private timeoutMs = TIMEOUT_MS) {}

  /** The tag's current digest (Docker-Content-Digest of the manifest HEAD). */
  async headDigest(ref: ImageRef, cred: Credential | null): Promise<string> {
    if (!ref.tag) throw new RegistryError('invalid reference', 'no tag to check');
    return this.limited(ref.registry, async () => {
      const url = `${apiBase(ref.registry)}/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag!)}`;
      const scope = `repository:${ref.repository}:pull`;
      const cached = this.tokens.get(`${ref.registry} ${scope}`);
      let auth = cached && cached.until > Date.now() ? `Bearer ${cached.token}` : null;
      let res = await this.request(url, 'HEAD', auth);
      if (res.status === 401) {
        auth = await this.authorize(ref.registry, res.headers.get('www-authenticate'), scope, cred);
        res = await this.request(url, 'HEAD', auth);
      }
      if (res.status === 401 || res.status === 403) throw new RegistryError('unauthorized', `${ref.registry} answered ${res.status}${cred ? ' with the stored credentials' : ' (no credentials for this registry)'}`);
      if (res.status === 404) throw new RegistryError('tag not found', `${ref.registry}/${ref.repository}:${ref.tag} does not exist`);
      if (res.status !== 200) throw new RegistryError('registry error', `${ref.registry} answered ${res.status}`);
      const digest = res.headers.get('docker-content-digest');
      if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) throw new RegistryError('registry error', `${ref.registry} sent no Docker-Content-Digest`);
      return digest;
    });
  }

  private async authorize(registry: string, challenge: string | null, scope: string, cred: Credential | null): Promise<string | null> {
    const basic = cred ? `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}` : null;
    if (!challenge || /^basic/i.test(challenge)) return basic;
    if (!/^bearer/i.test(challenge)) return basic;
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
    if (!params.realm) throw new RegistryError('registry error', `${registry} sent a bearer challenge without a realm`);
    let realm: URL;
    try {
      realm = new URL(params.realm);
    } catch {
      throw new RegistryError('registry error', `${registry} sent a bad token realm`);
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new RegistryError('registry error', `${registry} sent a bad token realm`);
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? scope);
    const res = await this.request(realm.toString(), 'GET', basic);
    if (res.status === 401 || res.status === 403) throw new RegistryError('unauthorized', `token service of ${registry} answered ${res.status}`);
    if (res.status !== 200) throw new RegistryError('registry error', `token service of ${registry} answered ${res.status}`);
    const text = await readCapped(res, 64 * 1024);
    this.stats.bytes += text.length;
    let body: { token?: string; access_token?: string; expires_in?: number };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new RegistryError('registry error', `token service of ${registry} sent no JSON`);
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError('registry error', `token service of ${registry} sent no token`);
    this.tokens.set(`${registry} ${scope}`, { token, until: Date.now() + Math.max(30, (body.expires_in ?? 60) - 10) * 1000 });
    return `Bearer ${token}`;
  }

  private async request(url: string, method: 'HEAD' | 'GET', auth: string | null): Promise<Response> {
    if (url.includes('/blobs/')) this.stats.blobRequests++;
    this.stats.requests++;
    const headers: Record<string, string> = { accept: MANIFEST_ACCEPT, 'user-agent': 'slipway-update-check' };
    if (auth) headers.authorization = auth;
    try {
      const res = await this.fetchFn(url, { method, headers, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      if (method === 'HEAD') await res.body?.cancel();
      return res;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new RegistryError('timeout', `no answer from ${new URL(url).host} within ${this.timeoutMs} ms`);
      throw new RegistryError('registry unreachable', `${new URL(url).host}: ${err.cause?.code ?? err.cause?.message ?? err.message}`);
    }
  }

  private async limited<T>(registry: string, fn: () => Promise<T>): Promise<T> {
    while ((this.active.get(registry) ?? 0) >= MAX_PARALLEL) await new Promise<void>((r) => this.waiting.set(registry, [...(this.waiting.get(registry) ?? []), r]));
    this.active.set(registry, (this.active.get(registry) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.active.set(registry, (this.active.get(registry) ?? 1) - 1);
      this.waiting.get(registry)?.shift()?.();
    }
  }
}

async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) {
      await reader.cancel();
      throw new RegistryError('registry error', 'token answer too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
