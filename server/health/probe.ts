// One HTTP probe: a GET of a URL taken from a `slipway.probe.NAME` label, with a deadline, a cap on
// the body it reads, and redirects followed only on the same host (never to another one).
import http from 'node:http';
import https from 'node:https';
import type { ProbeResult } from '../contract/core';

export interface ProbeOptions {
  timeoutMs: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
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

export function statusField(body: string): string | null {
  try {
    const j = JSON.parse(body) as unknown;
    if (j && typeof j === 'object' && !Array.isArray(j)) {
      const s = (j as Record<string, unknown>).status;
      if (typeof s === 'string') return s.slice(0, 100);
      if (typeof s === 'boolean' || typeof s === 'number') return String(s);
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

function get(url: URL, deadline: number, maxBody: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.get(url, { headers: { 'user-agent': 'slipway-probe', accept: 'application/json, */*' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (c: Buffer) => {
        if (truncated) return;
        size += c.length;
        if (size > maxBody) {
          truncated = true;
          chunks.push(c.subarray(0, c.length - (size - maxBody)));
          finish();
          res.destroy();
          return;
        }
        chunks.push(c);
      });
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        const loc = res.headers.location;
        resolve({ statusCode: res.statusCode ?? 0, location: typeof loc === 'string' ? loc : null, body: Buffer.concat(chunks).toString('utf8'), truncated });
      };
      res.on('end', finish);
      res.on('error', (e) => (done ? undefined : reject(e)));
    });
    const timer = setTimeout(() => req.destroy(new Error('timed out')), Math.max(1, deadline - Date.now()));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
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
      const r = await get(url, deadline, opts.maxBodyBytes ?? 64 * 1024);
      const latencyMs = Math.round(performance.now() - started);
      if (r.statusCode >= 300 && r.statusCode < 400 && r.location) {
        const next = new URL(r.location, url);
        if (next.host !== url.host || next.protocol !== url.protocol)
          return { ...base, ok: false, statusCode: r.statusCode, latencyMs, status: null, error: `redirect to another host refused (${next.host})` };
        if (hop >= maxRedirects) return { ...base, ok: false, statusCode: r.statusCode, latencyMs, status: null, error: 'too many redirects' };
        url = next;
        continue;
      }
      const status = r.truncated ? null : statusField(r.body);
      const failingStatus = status !== null && FAILING.has(status.toLowerCase());
      const ok = r.statusCode >= 200 && r.statusCode < 300 && !failingStatus;
      const text = bodyText(r.body);
      const error = ok ? null : failingStatus ? `status "${status}"` : `HTTP ${r.statusCode}${text ? `: ${text}` : ''}`;
      return { ...base, ok, statusCode: r.statusCode, latencyMs, status, error };
    }
  } catch (e) {
    const msg = (e as Error).message;
    return { ...base, ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), status: null, error: msg.includes('timed out') ? `timed out after ${opts.timeoutMs} ms` : msg };
  }
}
