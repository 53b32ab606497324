// Origin checks for cookie-authenticated writes and socket.io handshakes (cross-site WebSocket
// hijacking and CSRF: the class of bugs behind several Portainer and Dockge advisories).

/** The origin the browser would send for this request's own page. */
export function ownOrigin(headers: { get(name: string): string | null }, fallbackHost: string): string {
  const proto = (headers.get('x-forwarded-proto') ?? 'http').split(',')[0].trim();
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? fallbackHost;
  return `${proto}://${host}`;
}

export function isAllowedOrigin(origin: string | null, own: string, extra: string[]): boolean {
  if (!origin) return false;
  const o = origin.replace(/\/$/, '').toLowerCase();
  return o === own.toLowerCase() || extra.some((e) => e.replace(/\/$/, '').toLowerCase() === o);
}
