// The inventory of every HTTP route and socket event, read from the code's own tables (issue 15): each
// `route()` handler carries its permission (ROUTE_PERMISSION), each `onEvent` listener too
// (EVENT_PERMISSION). Routes come from importing every app/api route module; events from running the
// real `registerAreaHandlers` against a recording socket. No regex over source text, so a constant
// event name or a re-exported handler is found like any other.
import fs from 'node:fs';
import path from 'node:path';
import { MIN_ROLE, type Permission } from '@/server/auth/permissions';
import type { Role } from '@/server/contract';
import { ROUTE_PERMISSION } from '@/server/http/route-handler';
import { EVENT_PERMISSION } from '@/server/socket/socket-server';
import { registerAreaHandlers } from '@/server/socket/register-area-handlers';
import type { AppEnv } from '@/server/app';

const ROOT = path.resolve(__dirname, '..', '..');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface RouteEntry {
  method: string;
  pattern: string; // e.g. /api/containers/[id]/[action]
  permission: Permission | null;
  minRole: Role | null;
  /** false: the export is not a route() handler (it carries no permission) */
  viaRoute: boolean;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every exported method handler of every app/api route module, with the permission its route() holds. */
export async function apiRoutes(): Promise<RouteEntry[]> {
  const out: RouteEntry[] = [];
  for (const file of walk(path.join(ROOT, 'app', 'api')).filter((f) => /\/route\.tsx?$/.test(f))) {
    const pattern = '/' + path.relative(path.join(ROOT, 'app'), path.dirname(file)).split(path.sep).join('/');
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method] as (((...a: unknown[]) => unknown) & { [ROUTE_PERMISSION]?: Permission | null }) | undefined;
      if (typeof handler !== 'function') continue;
      const viaRoute = ROUTE_PERMISSION in handler;
      const permission = viaRoute ? (handler[ROUTE_PERMISSION] ?? null) : null;
      out.push({ method, pattern, permission, minRole: permission ? MIN_ROLE[permission] : null, viaRoute });
    }
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method));
}

export interface SocketEventEntry {
  event: string;
  /** null: the listener did not go through onEvent (no principal re-check, no permission) */
  permission: Permission | null;
  minRole: Role | null;
}

/** Socket.io's own events, which no client can emit. */
const RESERVED = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

/** Anything, callable, forever: registration-time code of an area may touch its app and env freely. */
function stub(): unknown {
  const target = function () {};
  const p: unknown = new Proxy(target, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? function* () {} : p),
    apply: () => p,
    construct: () => p as object,
  });
  return p;
}

/** Every client event the server listens to, found by running the real registration on a recording socket. */
export function socketEvents(): SocketEventEntry[] {
  const found: SocketEventEntry[] = [];
  const anything = stub();
  // service() hands back a stub for every area service: nothing real is created or started.
  const service = () => anything;
  const env = new Proxy({ name: 'inventory', service, existing: service } as Record<string | symbol, unknown>, { get: (t, key) => (key in t ? t[key] : anything) });
  const app = new Proxy({ service } as Record<string | symbol, unknown>, { get: (t, key) => (key in t ? t[key] : anything) });
  const ae = { app, env } as unknown as AppEnv;
  const socket = new Proxy({ id: 'inventory', data: {} } as Record<string | symbol, unknown>, {
    get: (t, key) => {
      if (key === 'on' || key === 'once')
        return (event: string, listener: { [EVENT_PERMISSION]?: Permission }) => {
          if (RESERVED.has(event)) return;
          const permission = listener[EVENT_PERMISSION] ?? null;
          found.push({ event, permission, minRole: permission ? MIN_ROLE[permission] : null });
        };
      return key in t ? t[key] : anything;
    },
  });
  registerAreaHandlers(ae, socket as never);
  return found.sort((a, b) => a.event.localeCompare(b.event));
}

/** A concrete path for a pattern: each [param] filled with a harmless sample. */
export function samplePath(pattern: string, fill: (param: string) => string = () => 'sample1'): string {
  return pattern.replace(/\[\.\.\.(\w+)\]/g, (_, p) => fill(p)).replace(/\[(\w+)\]/g, (_, p) => fill(p));
}
