// The environment an audit entry belongs to, known without passing it through every call: route(), onEvent
// and an environment's areas (server/areas/lifecycle.ts) run their work inside `inEnvironment`, and
// recordAudit reads it from there. Async work started inside (a backup's stream, a swarm monitor, a timer)
// keeps it. On globalThis: route handlers and the server are bundled apart and must share one store.
import { AsyncLocalStorage } from 'node:async_hooks';

const KEY = Symbol.for('slipway.audit.env');

function storage(): AsyncLocalStorage<string> {
  const g = globalThis as { [KEY]?: AsyncLocalStorage<string> };
  return (g[KEY] ??= new AsyncLocalStorage<string>());
}

export function inEnvironment<T>(env: string, run: () => T): T {
  return storage().run(env, run);
}

/** The environment of the work under way, or null outside any (sign-in, users, tokens). */
export function currentEnvironment(): string | null {
  return storage().getStore() ?? null;
}
