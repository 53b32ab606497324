// The Host allow-list (issue 15): a request naming a host this server does not serve gets 421, so DNS
// rebinding cannot turn a victim's browser into a same-origin client of a dashboard on their network,
// and a forwarded host header cannot make an attacker's origin count as this server's own.
import os from 'node:os';

export interface HostPolicy {
  /** true: any host (SLIPWAY_ALLOWED_HOSTS=*) */
  any: boolean;
  hosts: Set<string>;
}

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The hosts this server answers for: SLIPWAY_ALLOWED_HOSTS when set (`*`: any); otherwise its own
 * HOST, localhost, 127.0.0.1, ::1, the machine's name and addresses, and SLIPWAY_PUBLIC_ORIGIN's hosts.
 */
export function hostPolicy(config: { HOST: string; SLIPWAY_ALLOWED_HOSTS: string[]; SLIPWAY_PUBLIC_ORIGIN: string[] }): HostPolicy {
  const hosts = new Set<string>();
  const add = (h: string) => hosts.add(normalizeHostname(h));
  for (const h of config.SLIPWAY_ALLOWED_HOSTS) if (h !== '*') add(h);
  for (const o of config.SLIPWAY_PUBLIC_ORIGIN) add(new URL(o).hostname);
  if (config.SLIPWAY_ALLOWED_HOSTS.includes('*')) return { any: true, hosts };
  if (config.SLIPWAY_ALLOWED_HOSTS.length === 0) {
    if (!WILDCARD_BINDS.has(config.HOST)) add(config.HOST);
    for (const h of ['localhost', '127.0.0.1', '::1', os.hostname()]) add(h);
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) add(a.address);
  }
  return { any: false, hosts };
}

/** Lower case, no port, no IPv6 brackets, no trailing dot. */
export function normalizeHostname(value: string): string {
  let v = value.trim().toLowerCase();
  if (v.startsWith('[')) v = v.slice(1, v.indexOf(']') > 0 ? v.indexOf(']') : undefined);
  else if (v.split(':').length === 2) v = v.split(':')[0];
  return v.replace(/\.$/, '');
}

/** Whether a request's Host (and X-Forwarded-Host, when a proxy sets one) names a host this server serves. */
export function hostAllowed(policy: HostPolicy, host: string | string[] | undefined, forwardedHost?: string | string[] | undefined): boolean {
  if (policy.any) return true;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const h = first(host);
  if (!h || !policy.hosts.has(normalizeHostname(h))) return false;
  const fwd = first(forwardedHost);
  if (fwd === undefined) return true;
  return fwd.split(',').every((part) => policy.hosts.has(normalizeHostname(part)));
}
