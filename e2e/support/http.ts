// A small HTTP client for tests: cookie sessions, tokens, and the server's own Origin on writes.
import { ADMIN_PASSWORD } from './slipway-server';

export class Client {
  cookie: string | null = null;
  constructor(public base: string, public bearer: string | null = null, public origin: string | null = base) {}

  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.origin && method !== 'GET' && !('origin' in headers)) h.origin = this.origin;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('slipway_session=')) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json: json as any, headers: res.headers, text }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  get(path: string) {
    return this.req('GET', path);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.req('POST', path, body, headers);
  }

  async login(username: string, password: string) {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.json)}`);
    return this;
  }
}

export async function adminClient(base: string) {
  return new Client(base).login('admin', ADMIN_PASSWORD);
}

let userSeq = 0;
/** Creates a user with the given role (unique name) and returns a client logged in as them. */
export async function clientWithRole(base: string, role: 'viewer' | 'operator' | 'admin') {
  const admin = await adminClient(base);
  const username = `${role}-${process.pid}-${Date.now().toString(36)}-${userSeq++}`;
  const password = 'password-123';
  const r = await admin.post('/api/users', { username, password, role });
  if (r.status !== 200) throw new Error(`create user failed: ${r.status} ${JSON.stringify(r.json)}`);
  return new Client(base).login(username, password);
}

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
