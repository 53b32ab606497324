// Browser-side fetch for /api: JSON in and out, typed by the contract's route map, errors as ApiError with the
// server's message.
import { withEnv } from './environment';
import type { ApiBody, ApiResponse, ApiRouteKey, AuthNeeds, HttpMethod, RouteFor } from '@/server/contract';
import { requestReauth } from './account/reauth-store';

export class ApiError extends Error {
  /** a compose file's line the server names with its error (stacks) */
  line?: number;
  constructor(public status: number, message: string, public needs?: AuthNeeds) {
    super(message);
  }
}

type Method = HttpMethod;

/** What api() sends: fetch's options, with `json` typed by the route's body schema (none when it takes no body). */
export type ApiInit<M extends Method, K> = Omit<RequestInit, 'method'> & { method?: M } & ([K] extends [never]
    ? { noRoute: 'no route of the contract takes this method and path' }
    : K extends ApiRouteKey
      ? undefined extends ApiBody<K>
        ? { json?: ApiBody<K> }
        : { json: ApiBody<K> }
      : never);

/** The answer: the route's response type from server/contract/routes.ts, found by method and path. */
export type ApiResult<M extends Method, P extends string> = [RouteFor<M, P>] extends [never] ? { noRoute: `${M} ${P}` } : ApiResponse<RouteFor<M, P>>;

/**
 * Calls a JSON route of the contract. The path is a literal or a template (`/api/backups/${id}/restore`),
 * so its route, answer and body type come from API_ROUTES: callers never name a response type.
 *
 * A 401 `{needs: "reauth"}` (a sensitive action, no proof in the last 10 minutes) opens the "confirm it is you"
 * prompt and retries once after it; a 403 `{needs: "enrolment"}` goes to the account page to set up 2FA.
 */
export async function api<P extends `/api/${string}`, M extends Method = 'GET'>(path: P, init?: ApiInit<M, RouteFor<M, P>>): Promise<ApiResult<M, P>> {
  const request = (init ?? {}) as RequestInit & { json?: unknown };
  try {
    return (await apiOnce(path, request)) as ApiResult<M, P>;
  } catch (e) {
    if (e instanceof ApiError && e.needs === 'reauth' && typeof window !== 'undefined' && !path.startsWith('/api/auth/reauth') && (await requestReauth()))
      return (await apiOnce(path, request)) as ApiResult<M, P>;
    throw e;
  }
}

async function apiOnce(path: string, init: RequestInit & { json?: unknown }): Promise<unknown> {
  const { json, headers, ...rest } = init;
  const res = await fetch(withEnv(path), {
    ...rest,
    credentials: 'same-origin',
    headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const message = (data as { error?: string } | null)?.error ?? `${res.status} ${res.statusText}`;
    const needs = (data as { needs?: AuthNeeds } | null)?.needs;
    if (needs) {
      if (needs === 'enrolment' && typeof window !== 'undefined' && !location.pathname.startsWith('/account')) location.assign('/account?enrol=1');
      if (needs === 'password' && typeof window !== 'undefined' && !location.pathname.startsWith('/account')) location.assign('/account?password=1');
      throw new ApiError(res.status, message, needs);
    }
    if (res.status === 401 && typeof window !== 'undefined' && !location.pathname.startsWith('/login') && !location.pathname.startsWith('/setup'))
      location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    const error = new ApiError(res.status, message);
    const line = (data as { line?: unknown } | null)?.line;
    if (typeof line === 'number') error.line = line;
    throw error;
  }
  return data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: text.slice(0, 200) };
  }
}
