// GET /metrics: served by the custom server (server/index.ts) before Next sees the request, because
// Prometheus scrapes a fixed path outside /api. On the main port it needs a credential: any valid API
// token or session (the text holds no secrets), or SLIPWAY_METRICS_TOKEN. With SLIPWAY_METRICS_PORT
// set it is also served without a credential on that port (bound to HOST), for a scraper on a
// private network.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AppEnv } from '../app';
import { principalFrom } from '../http/principal';
import { CONTENT_TYPE, metrics } from './index';

function headerGetter(req: http.IncomingMessage) {
  return {
    get(name: string): string | null {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

export function metricsAuthorized(ae: AppEnv, req: http.IncomingMessage): boolean {
  const headers = headerGetter(req);
  const want = ae.app.config.SLIPWAY_METRICS_TOKEN;
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization')?.trim() ?? '')?.[1];
  if (want && bearer && sameSecret(bearer, want)) return true;
  return principalFrom(ae.app, headers) !== null;
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>) {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** Answers a request for /metrics; `open`: no credential needed (the separate metrics port). */
export function serveMetrics(ae: AppEnv, req: http.IncomingMessage, res: http.ServerResponse, open: boolean) {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, JSON.stringify({ error: 'method not allowed' }), { 'content-type': 'application/json', allow: 'GET, HEAD' });
  if (!open && !metricsAuthorized(ae, req))
    return send(res, 401, JSON.stringify({ error: 'authentication required: Authorization: Bearer <API token or SLIPWAY_METRICS_TOKEN>' }), {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer realm="slipway-metrics"',
    });
  const text = metrics(ae).render();
  send(res, 200, req.method === 'HEAD' ? '' : text, { 'content-type': CONTENT_TYPE });
}

export function isMetricsPath(url: string | undefined): boolean {
  return url === '/metrics' || url?.startsWith('/metrics?') === true;
}

/** The open metrics listener on SLIPWAY_METRICS_PORT (only /metrics; everything else 404). */
export function startMetricsServer(ae: AppEnv): Promise<http.Server | null> {
  const port = ae.app.config.SLIPWAY_METRICS_PORT;
  if (!port) return Promise.resolve(null);
  const server = http.createServer((req, res) => {
    if (isMetricsPath(req.url)) serveMetrics(ae, req, res, true);
    else send(res, 404, 'not found: this port serves /metrics only\n', { 'content-type': 'text/plain' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ae.app.config.HOST, () => {
      console.log(`[slipway] metrics (no credential) on http://${ae.app.config.HOST}:${port}/metrics`);
      resolve(server);
    });
  });
}
