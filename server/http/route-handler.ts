// The one wrapper every app/api route uses: session or token, Origin on cookie writes, the permission
// function, zod parsing of params/query/body, and error mapping (never a 500 for bad input).
import { NextResponse } from 'next/server';
import { z, ZodError, type ZodTypeAny } from 'zod';
import { can, type Permission, type Principal } from '../auth/permissions';
import { isAllowedOrigin, ownOrigin } from '../auth/origin';
import { recordAudit } from '../audit/audit-log';
import { fromDockerError, HttpError, isHttpError } from './errors';
import { principalFrom } from './principal';
import { requireRecentAuth } from '../auth/reauth';
import { environments } from '../environments/registry';
import { envParam } from '../contract/environments';
import { defaultAppEnv, type App, type AppEnv, type Environment } from '../app';
import { inEnvironment } from '../audit/audit-env';

type Infer<T> = T extends ZodTypeAny ? z.infer<T> : undefined;

interface RouteOptions<R extends Permission | null, P, Q, B> {
  /** null: no session needed (health, login, setup) */
  permission: R;
  /** a sensitive change: the session must have proved its user in the last 10 minutes (server/auth/reauth.ts) */
  reauth?: boolean;
  /** open to a session that must first enrol a second factor (sign-in and enrolment routes) */
  duringEnrolment?: boolean;
  /** open to a session whose password an admin reset (changing it, signing out, who am I) */
  duringPasswordChange?: boolean;
  params?: P;
  query?: Q;
  body?: B;
}

export interface RouteArgs<P, Q, B, R extends Permission | null = Permission | null> {
  /** process-wide services */
  app: App;
  /** the environment picked by `?env=` (default: the first) */
  env: Environment;
  req: Request;
  /** who is calling: never null when the route requires a permission */
  principal: R extends Permission ? Principal : Principal | null;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, ...extra }, { status });
}

/** Refuses a browser write from another origin; bearer-token calls carry no ambient credential. */
export function checkOrigin(app: App, req: Request): Response | null {
  const own = ownOrigin(req.headers, `${app.config.HOST}:${app.config.PORT}`);
  if (!isAllowedOrigin(req.headers.get('origin'), own, app.config.SLIPWAY_PUBLIC_ORIGIN))
    return jsonError(403, 'cross-origin request refused: Origin must be this server or SLIPWAY_PUBLIC_ORIGIN');
  return null;
}

export function route<R extends Permission | null, P extends ZodTypeAny | undefined = undefined, Q extends ZodTypeAny | undefined = undefined, B extends ZodTypeAny | undefined = undefined>(
  opts: RouteOptions<R, P, Q, B>,
  handler: (args: RouteArgs<P, Q, B, R>) => Promise<unknown>,
) {
  const handle = async (req: Request, segment?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    let ae: AppEnv;
    try {
      ae = defaultAppEnv();
    } catch (e) {
      return jsonError(503, (e as Error).message);
    }
    let principal: Principal | null = null;
    try {
      principal = principalFrom(ae.app, req.headers);
      if (opts.permission) {
        if (!principal) return jsonError(401, 'authentication required');
        if (!SAFE.has(req.method) && principal.via === 'session') {
          const refused = checkOrigin(ae.app, req);
          if (refused) return refused;
        }
        if (!can(principal, opts.permission)) {
          if (!SAFE.has(req.method))
            recordAudit(ae.app.db, { username: principal.username, action: `${req.method} ${new URL(req.url).pathname}`, result: 'denied' });
          return jsonError(403, `role ${principal.role} may not do this`);
        }
        if (principal.mustEnrol && !opts.duringEnrolment) return jsonError(403, 'set up two-factor authentication first', { needs: 'enrolment' });
        if (principal.mustChangePassword && !opts.duringPasswordChange)
          return jsonError(403, 'choose a new password first: an admin reset yours', { needs: 'password' });
        if (opts.reauth) requireRecentAuth(principal);
      }
      // ?env=NAME picks the environment (server/environments); the handler gets that one
      const search = new URL(req.url).searchParams;
      const env = search.get('env');
      search.delete('env');
      if (env !== null) ae = environments(ae).appEnv((parseOr400(envParam, { env }, 'query') as { env: string }).env);
      const rawParams = (await segment?.params) ?? {};
      const params = opts.params ? parseOr400(opts.params, rawParams, 'path') : undefined;
      const query = opts.query ? parseOr400(opts.query, Object.fromEntries(search), 'query') : undefined;
      let body: unknown;
      if (opts.body) {
        let raw: unknown;
        try {
          raw = await req.json();
        } catch {
          throw new HttpError(400, 'body must be JSON');
        }
        body = parseOr400(opts.body, raw, 'body');
      }
      const { app, env: environment } = ae;
      // audit entries written by the handler (and work it starts) carry its environment
      const result = await inEnvironment(environment.name, () => handler({ app, env: environment, req, principal, params, query, body } as RouteArgs<P, Q, B, R>));
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (e) {
      return errorResponse(e);
    }
  };
  // The permission travels with the handler, so the security tests enumerate routes from the code's
  // own table instead of reading the source text (issue 15).
  return Object.assign(handle, { [ROUTE_PERMISSION]: opts.permission });
}

/** The key under which every `route()` handler carries its permission (null: public). */
export const ROUTE_PERMISSION = Symbol.for('slipway.route.permission');

function parseOr400(schema: ZodTypeAny, value: unknown, where: string) {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, describeZod(r.error, where), { issues: r.error.issues });
  return r.data;
}

export function describeZod(err: ZodError, where: string): string {
  const first = err.issues[0];
  const name = first?.path.join('.') || where;
  return `invalid ${where} parameter ${name}: ${first?.message ?? 'bad value'}`;
}

export function errorResponse(e: unknown): Response {
  if (isHttpError(e)) return jsonError(e.status, e.message, e.extra);
  const docker = fromDockerError(e);
  if (docker) return jsonError(docker.status, docker.message);
  console.error('[slipway] unhandled error in route:', e);
  return jsonError(500, 'internal error');
}
