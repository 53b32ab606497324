// Walks a single sign-on through Slipway and the test provider over plain HTTP, as a browser would
// (cookies per host, redirects followed by hand), stopping at Slipway's callback so a test can look at it
// or spoil it before it is delivered.
export class CookieJar {
  private jar = new Map<string, Map<string, string>>();
  header(url: string): string {
    return [...(this.jar.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(url: string, res: Response) {
    const host = new URL(url).host;
    const map = this.jar.get(host) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(eq + 1) === '';
      if (gone) map.delete(pair.slice(0, eq).trim());
      else map.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.jar.set(host, map);
  }
  get(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
}

export async function get(jar: CookieJar, url: string): Promise<Response> {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
  jar.take(url, res);
  return res;
}

/** From Slipway's start URL through the provider to the callback URL it sends the browser to (not yet requested). */
export async function walkToCallback(jar: CookieJar, slipway: string, next = '/'): Promise<URL> {
  let url = `${slipway}/api/auth/oidc/start?next=${encodeURIComponent(next)}`;
  for (let hop = 0; hop < 10; hop++) {
    const res = await get(jar, url);
    await res.arrayBuffer();
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`sign-in stopped at ${url}: ${res.status}`);
    const to = new URL(location, url);
    if (to.origin === slipway && to.pathname === '/api/auth/oidc/callback') return to;
    url = to.href;
  }
  throw new Error('too many redirects');
}

/** Delivers the callback: Slipway's answer and, on success, its session cookie. */
export async function deliverCallback(jar: CookieJar, callback: URL): Promise<{ status: number; location: string | null; session: string | undefined; body: string }> {
  const res = await get(jar, callback.href);
  return { status: res.status, location: res.headers.get('location'), session: jar.get(callback.href, 'slipway_session'), body: await res.text() };
}
