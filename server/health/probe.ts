// One HTTP probe: a GET of a URL taken from a `slipway.probe.NAME` label, with a deadline, a cap on
// the body it reads, and redirects followed only on the same host (never to another one).
import type { ProbeResult } from '../contract/core';
import { HttpGetError, safeGet } from '../net/http-get';
import type { ParsedAnswer } from '../net/http-answer';

export interface ProbeOptions {
  timeoutMs: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** how one hop is fetched (default: directly, checked by server/net); exec probes pass execGet */
  fetch?: (url: URL, opts: { timeoutMs: number; maxBodyBytes: number }) => Promise<ParsedAnswer>;
}

/** Words in a JSON `status` field that mean "not fine", even with a 200. */
const FAILING = new Set(['down', 'fail', 'failed', 'failing', 'error', 'unhealthy', 'critical', 'out_of_service', 'outofservice', 'unavailable']);

export function probeUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs are probed';
  if (u.username || u.password) return 'credentials in probe URLs are refused';
  return null;
}

/** Words in a JSON `status` field that mean "fine". */
const PASSING = new Set(['ok', 'up', 'healthy', 'pass', 'passing', 'green', 'ready', 'available', 'true', 'serving']);

/**
 * The JSON `status` field, reported only as one of the known words (lower-cased): any other text in
 * the body is the app's, not something to show every viewer.
 */
export function statusField(body: string): string | null {
  try {
    const j = JSON.parse(body) as unknown;
    if (j && typeof j === 'object' && !Array.isArray(j)) {
      const s = (j as Record<string, unknown>).status;
      const word = typeof s === 'string' || typeof s === 'boolean' ? String(s).trim().toLowerCase() : null;
      return word && (PASSING.has(word) || FAILING.has(word)) ? word : null;
    }
  } catch {
    /* not JSON: no status field */
  }
  return null;
}

/** A short readable excerpt of a response body: tags removed, whitespace collapsed. */
export function bodyText(body: string): string {
  return body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

interface Hop {
  statusCode: number;
  location: string | null;
  body: string;
  truncated: boolean;
}

async function get(url: URL, deadline: number, maxBody: number, fetch: NonNullable<ProbeOptions['fetch']>): Promise<Hop> {
  const a = await fetch(url, { timeoutMs: Math.max(1, deadline - Date.now()), maxBodyBytes: maxBody });
  return { statusCode: a.status, location: a.headers.location ?? null, body: a.body.toString('utf8'), truncated: a.truncated };
}

export async function runProbe(name: string, rawUrl: string, opts: ProbeOptions): Promise<ProbeResult> {
  const at = new Date().toISOString();
  const base = { name, url: rawUrl, at };
  const problem = probeUrlProblem(rawUrl);
  if (problem) return { ...base, ok: false, statusCode: null, latencyMs: null, status: null, error: problem };
  const started = performance.now();
  const deadline = Date.now() + opts.timeoutMs;
  let url = new URL(rawUrl);
  const maxRedirects = opts.maxRedirects ?? 3;
  try {
    for (let hop = 0; ; hop++) {
      const r = await get(url, deadline, opts.maxBodyBytes ?? 64 * 1024, opts.fetch ?? safeGet);
      const latencyMs = Math.round(performance.now() - started);
      if (r.statusCode >= 300 && r.statusCode < 400 && r.location) {
        const next = new URL(r.location, url);
        if (next.host !== url.host || next.protocol !== url.protocol)
          return { ...base, ok: false, statusCode: r.statusCode, latencyMs, status: null, error: 'redirect to another host refused' };
        if (hop >= maxRedirects) return { ...base, ok: false, statusCode: r.statusCode, latencyMs, status: null, error: 'too many redirects' };
        url = next;
        continue;
      }
      const status = r.truncated ? null : statusField(r.body);
      const failingStatus = status !== null && FAILING.has(status.toLowerCase());
      const ok = r.statusCode >= 200 && r.statusCode < 300 && !failingStatus;
      // a short fixed reason, never the body: whoever reads the probe (viewers too) sees no response content
      // (the status word is one of the fixed FAILING words, never free text from the body)
      const error = ok ? null : failingStatus ? `status "${status}"` : `HTTP ${r.statusCode}`;
      return { ...base, ok, statusCode: r.statusCode, latencyMs, status, error };
    }
  } catch (e) {
    const msg = (e as Error).message;
    return { ...base, ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), status: null, error: e instanceof HttpGetError && e.kind === 'timeout' ? `timed out after ${opts.timeoutMs} ms` : msg };
  }
}
