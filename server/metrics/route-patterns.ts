// Maps a request path to a bounded label: the app route pattern it hits (`/api/containers/[id]/logs`),
// read from Next's own build manifest, so a label never carries a container id or a scanner's
// random path. Docker API paths are bounded the same way (`/containers/:id/json`).
import fs from 'node:fs';
import path from 'node:path';

interface Pattern {
  route: string;
  segments: string[];
}

// static segment < [param] < [...catchAll] < [[...optional]]: the most specific pattern matches first
const weight = (s: string | undefined) => (s === undefined ? -1 : s.startsWith('[[...') ? 3 : s.startsWith('[...') ? 2 : s.startsWith('[') ? 1 : 0);

export function compilePatterns(routes: string[]): Pattern[] {
  return [...new Set(routes)]
    .map((route) => ({ route: route || '/', segments: route.split('/').filter(Boolean) }))
    .sort((a, b) => {
      for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
        const d = weight(a.segments[i]) - weight(b.segments[i]);
        if (d !== 0) return d;
      }
      return 0;
    });
}

function matches(p: Pattern, parts: string[]): boolean {
  for (let i = 0; i < p.segments.length; i++) {
    const s = p.segments[i];
    if (s.startsWith('[[...')) return true;
    if (s.startsWith('[...')) return parts.length > i;
    if (i >= parts.length) return false;
    if (!s.startsWith('[') && s !== parts[i]) return false;
  }
  return parts.length === p.segments.length;
}

/** The route label for a request path (query ignored). */
export function routeLabel(urlPath: string, patterns: Pattern[]): string {
  const pathname = urlPath.split('?')[0];
  if (pathname.startsWith('/_next/static/')) return '/_next/static';
  if (pathname.startsWith('/_next/')) return '/_next';
  if (pathname === '/metrics') return '/metrics';
  if (pathname.startsWith('/socket.io')) return '/socket.io';
  let parts: string[];
  try {
    parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return 'unmatched';
  }
  for (const p of patterns) if (matches(p, parts)) return p.route;
  return 'unmatched';
}

/**
 * The app's route patterns from `.next/app-path-routes-manifest.json` (written by `next build`),
 * e.g. {"/api/containers/[id]/route": "/api/containers/[id]"}. Empty in dev before the first build.
 */
export function loadRoutePatterns(appDir: string): Pattern[] {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(appDir, '.next', 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
    return compilePatterns(Object.values(manifest));
  } catch {
    return [];
  }
}

const DOCKER_ACTIONS = new Set(['json', 'create', 'prune', 'load', 'search', 'build', 'get']);

/** `/v1.41/containers/abc123/json?all=1` → `/containers/:id/json`; image names may contain slashes. */
export function dockerPathLabel(p: string): string {
  const parts = p.split('?')[0].split('/').filter(Boolean);
  if (parts[0] && /^v\d+\.\d+$/.test(parts[0])) parts.shift();
  const [resource, ...rest] = parts;
  if (!resource) return '/';
  if (rest.length === 0) return `/${resource}`;
  if (rest.length === 1) return DOCKER_ACTIONS.has(rest[0]) ? `/${resource}/${rest[0]}` : `/${resource}/:id`;
  const last = rest[rest.length - 1];
  return /^[a-z_]+$/.test(last) ? `/${resource}/:id/${last}` : `/${resource}/:id`;
}
