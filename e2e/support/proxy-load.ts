// Keep-alive HTTP load through a proxy while it switches, shared by the slot tests and benchmarks.
import http from 'node:http';

export interface LoadCount { ok: number; failed: number; retried: number; bySlot: Record<string, number>; errors: string[] }

/**
 * Keep-alive load through the proxy (as the slots benchmark drives it): `conns` loops until stopped.
 * A GET whose connection nginx closed during a reload before answering is retried once on a new one,
 * as browsers do (RFC 9112 §9.3.1, RFC 9110 §9.2.2); `retried` counts those, `failed` is what a client saw fail.
 */
export function startProxyLoad(url: string, opts: { conns?: number; header: string }) {
  const conns = opts.conns ?? 4;
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
  const c: LoadCount = { ok: 0, failed: 0, retried: 0, bySlot: {}, errors: [] };
  let stopped = false;
  const one = (again: boolean): Promise<void> =>
    new Promise((resolve) => {
      // the retry goes on a NEW connection (agent: false), never on another kept-alive one the old worker may close too
      const req = http.get(url, { agent: again ? agent : false }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) c.ok++;
          else {
            c.failed++;
            c.errors.push(`HTTP ${res.statusCode}`);
          }
          const slot = String(res.headers[opts.header.toLowerCase()] ?? 'none');
          c.bySlot[slot] = (c.bySlot[slot] ?? 0) + 1;
          resolve();
        });
      });
      req.setTimeout(5000, () => req.destroy(new Error('timeout')));
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A connection closed before any answer, on a kept-alive socket or a new one an old worker accepted just
        // before a reload closed its idle connections: a GET is idempotent, so it is retried once on a new
        // connection (RFC 9110 §9.2.2, as browsers do); `retried` counts it, a second failure counts as failed.
        if (again && (e.code === 'ECONNRESET' || e.message === 'socket hang up')) {
          c.retried++;
          void one(false).then(resolve);
        } else {
          c.failed++;
          c.errors.push(e.message);
          resolve();
        }
      });
    });
  const loops = Array.from({ length: conns }, async () => {
    while (!stopped) await one(true);
  });
  return {
    count: c,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      agent.destroy();
      return c;
    },
  };
}

/** The slot a proxy's answer names in `header`, on a fresh connection (never one an old worker holds). */
export async function servedSlotHeader(url: string, header: string): Promise<string | null> {
  const r = await fetch(url, { headers: { connection: 'close' } });
  await r.arrayBuffer();
  return r.headers.get(header);
}
