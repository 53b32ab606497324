// One HTTP GET on a fresh connection (no keep-alive reuse: after an nginx reload, a reused
// connection could still be served by an old worker), with a deadline, through the lenient reader and
// the address checks of server/net. Used to verify which slot the proxy serves; slot probes are the
// health area's probes (same redirect rules and body cap).
import type { ProbeResult } from '../contract';
import { HttpGetError, safeGet } from '../net/http-get';
import { runProbe as runHealthProbe } from '../health/probe';

export interface HttpAnswer {
  status: number | null;
  headers: Record<string, string>;
  latencyMs: number;
  error: string | null;
}

export async function httpGet(url: string, timeoutMs = 2000): Promise<HttpAnswer> {
  const t0 = performance.now();
  try {
    const a = await safeGet(new URL(url), { timeoutMs, maxBodyBytes: 16 * 1024 });
    return { status: a.status, headers: a.headers, latencyMs: performance.now() - t0, error: null };
  } catch (e) {
    const msg = e instanceof HttpGetError ? e.message : e instanceof TypeError ? 'not a URL' : (e as Error).message;
    return { status: null, headers: {}, latencyMs: performance.now() - t0, error: msg };
  }
}

/** The `slipway.probe.NAME` labels of a container, sorted by name (interval and timeout are settings). */
export function probeLabels(labels: Record<string, string>): { name: string; url: string }[] {
  return Object.entries(labels)
    .filter(([k]) => k.startsWith('slipway.probe.') && k.length > 'slipway.probe.'.length && !['interval', 'timeout'].includes(k.slice('slipway.probe.'.length)))
    .map(([k, url]) => ({ name: k.slice('slipway.probe.'.length), url }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function runProbe(p: { name: string; url: string }, timeoutMs = 2000): Promise<ProbeResult> {
  return runHealthProbe(p.name, p.url, { timeoutMs });
}

export function runProbes(labels: Record<string, string>, timeoutMs = 2000): Promise<ProbeResult[]> {
  return Promise.all(probeLabels(labels).map((p) => runProbe(p, timeoutMs)));
}
