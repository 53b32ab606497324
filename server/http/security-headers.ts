// Security headers on every answer of the main port (pages, API, /metrics), set by the custom server
// before Next or the metrics endpoint writes anything.
import type http from 'node:http';

/**
 * Next's App Router hydrates through inline scripts and the UI sets inline styles (xterm, uPlot), so
 * those stay 'unsafe-inline'; everything else is this origin only, no plugins, no framing, no <base>.
 * socket.io uses a same-origin WebSocket, which 'self' covers in connect-src.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** True when the browser reached us over https: directly, or through a proxy saying so. */
export function viaHttps(req: http.IncomingMessage): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  return (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0].trim().toLowerCase() === 'https';
}

export function applySecurityHeaders(req: http.IncomingMessage, res: http.ServerResponse, opts: { dev: boolean; instance?: string }) {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(opts.dev));
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // No URL leaves the site; same-origin rather than no-referrer, which per the Fetch spec turns the Origin of a
  // same-origin form POST into `null` (the Origin check, route-handler.ts, would refuse it)
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  // Only over https: on plain http a browser ignores it, and pinning a LAN name to https would lock it out.
  if (viaHttps(req)) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  // Test servers pass a per-run nonce so a test can tell its own server from a stale one on the port.
  if (opts.instance) res.setHeader('X-Slipway-Instance', opts.instance);
}

/** 421: this server does not answer for that host name. */
export function refuseHost(res: http.ServerResponse) {
  res.writeHead(421, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: 'misdirected request: this host name is not served here (see SLIPWAY_ALLOWED_HOSTS)' }));
}
