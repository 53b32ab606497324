// The inventory of every HTTP route and socket event, read from the source itself, so the security
// tests cover each new route and event without anyone remembering to list it.
import fs from 'node:fs';
import path from 'node:path';
import { MIN_ROLE, type Permission } from '@/server/auth/permissions';
import type { Role } from '@/server/contract';

const ROOT = path.resolve(__dirname, '..', '..');

export interface RouteEntry {
  method: string;
  pattern: string; // e.g. /api/containers/[id]/[action]
  permission: Permission | null;
  minRole: Role | null;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function apiRoutes(): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const file of walk(path.join(ROOT, 'app', 'api')).filter((f) => f.endsWith('route.ts'))) {
    const src = fs.readFileSync(file, 'utf8');
    const pattern = '/' + path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep).join('/');
    const methods = new Set<string>();
    for (const m of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]);
    for (const m of src.matchAll(/export \{([^}]+)\}/g)) for (const part of m[1].split(',')) { const name = part.split(' as ').pop()!.trim(); if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name); }
    // Per exported handler, the permission of the route() call that defines it.
    for (const method of methods) {
      const def = new RegExp(`export const ${method}\\s*=\\s*route\\(\\{\\s*permission:\\s*(null|'([a-z:]+)')`).exec(src)
        ?? /route\(\{\s*permission:\s*(null|'([a-z:]+)')/.exec(src);
      const permission = (def?.[2] ?? null) as Permission | null;
      out.push({ method, pattern, permission, minRole: permission ? MIN_ROLE[permission] : null });
    }
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method));
}

export interface SocketEventEntry {
  event: string;
  permission: Permission;
  minRole: Role;
}

export function socketEvents(): SocketEventEntry[] {
  const out: SocketEventEntry[] = [];
  for (const file of walk(path.join(ROOT, 'server')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/onEvent\(\s*\w+,\s*\w+,\s*'([a-z:_-]+)',\s*'([a-z:]+)'/g)) out.push({ event: m[1], permission: m[2] as Permission, minRole: MIN_ROLE[m[2] as Permission] });
  }
  return out;
}

/** A concrete path for a pattern: each [param] filled with a harmless sample. */
export function samplePath(pattern: string, fill: (param: string) => string = () => 'sample1'): string {
  return pattern.replace(/\[\.\.\.(\w+)\]/g, (_, p) => fill(p)).replace(/\[(\w+)\]/g, (_, p) => fill(p));
}
