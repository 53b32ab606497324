// Browser-side fetch for /api: JSON in and out, errors as ApiError with the server's message.
import { withEnv } from './environment';
import type { AuthNeeds } from '@/server/contract';
import { requestReauth } from './account/reauth-store';

export class ApiError extends Error {
  constructor(public status: number, message: string, public needs?: AuthNeeds) {
    super(message);
  }
}

/**
 * A 401 `{needs: "reauth"}` (a sensitive action, no proof in the last 10 minutes) opens the "confirm it is you"
 * prompt and retries once after it; a 403 `{needs: "enrolment"}` goes to the account page to set up 2FA.
 */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  try {
    return await apiOnce<T>(path, init);
  } catch (e) {
    if (e instanceof ApiError && e.needs === 'reauth' && typeof window !== 'undefined' && !path.startsWith('/api/auth/reauth') && (await requestReauth()))
      return apiOnce<T>(path, init);
    throw e;
  }
}

async function apiOnce<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
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
    throw new ApiError(res.status, message);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: text.slice(0, 200) };
  }
}
