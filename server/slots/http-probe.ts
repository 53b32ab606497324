// One HTTP GET on a fresh connection (no keep-alive reuse: after an nginx reload, a reused
// connection could still be served by an old worker), with a deadline. Used for slot probes and to
// verify which slot the proxy serves.
import http from 'node:http';
import https from 'node:https';
import type { ProbeResult } from '../contract';

export interface HttpAnswer {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  latencyMs: number;
  error: string | null;
}

export function httpGet(url: string, timeoutMs = 2000): Promise<HttpAnswer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('only http(s) URLs');
    } catch (e) {
      return resolve({ status: null, headers: {}, latencyMs: 0, error: (e as Error).message });
    }
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.get(u, { agent: false, headers: { connection: 'close', 'user-agent': 'slipway-probe' }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null, headers: res.headers, latencyMs: performance.now() - t0, error: null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? null, headers: res.headers, latencyMs: performance.now() - t0, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: null, headers: {}, latencyMs: performance.now() - t0, error: e.message }));
  });
}

/** The `slipway.probe.NAME` labels of a container, sorted by name. */
export function probeLabels(labels: Record<string, string>): { name: string; url: string }[] {
  return Object.entries(labels)
    .filter(([k]) => k.startsWith('slipway.probe.') && k.length > 'slipway.probe.'.length)
    .map(([k, url]) => ({ name: k.slice('slipway.probe.'.length), url }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function runProbe(p: { name: string; url: string }, timeoutMs = 2000): Promise<ProbeResult> {
  const a = await httpGet(p.url, timeoutMs);
  const ok = a.status !== null && a.status >= 200 && a.status < 400;
  return {
    name: p.name, url: p.url, ok,
    statusCode: a.status,
    latencyMs: Math.round(a.latencyMs),
    status: a.status === null ? 'error' : ok ? 'ok' : `HTTP ${a.status}`,
    error: a.error,
    at: new Date().toISOString(),
  };
}

export function runProbes(labels: Record<string, string>, timeoutMs = 2000): Promise<ProbeResult[]> {
  return Promise.all(probeLabels(labels).map((p) => runProbe(p, timeoutMs)));
}
