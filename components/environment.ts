'use client';
// The environment this tab works on. `?env=NAME` in a link selects it (and is remembered); otherwise the
// last one chosen in this browser; none means the server's default. Every /api request and the socket
// handshake carry it, so the pages need not know about environments at all.
const KEY = 'slipway.env';
const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

let cached: string | null | undefined;

export function currentEnv(): string | null {
  if (cached !== undefined) return cached;
  if (typeof window === 'undefined') return null;
  const fromUrl = new URLSearchParams(location.search).get('env');
  if (fromUrl !== null && NAME.test(fromUrl)) localStorage.setItem(KEY, fromUrl);
  const stored = localStorage.getItem(KEY);
  cached = stored && NAME.test(stored) ? stored : null;
  return cached;
}

/** Switches the tab to another environment: everything on the page belongs to one engine, so reload. */
export function switchEnv(name: string | null, to = '/') {
  if (name) localStorage.setItem(KEY, name);
  else localStorage.removeItem(KEY);
  cached = undefined;
  location.assign(to);
}

/** `/api/...` with the current environment added; other paths unchanged. */
export function withEnv(path: string): string {
  const env = currentEnv();
  if (!env || !path.startsWith('/api/') || /[?&]env=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}env=${encodeURIComponent(env)}`;
}
