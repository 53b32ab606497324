// Where a probe runs. A probe URL comes from a label, so it is input, not authority (issue 15.3):
//   direct: Slipway fetches it itself, only on the container's own address: a port it publishes, the
//           port of its slipway.slot.upstream label, or (host networking, where the container's
//           network is the host's) a loopback port other than Slipway's own;
//   exec:   the host is a name (a container or service on the stack's network, `togather-server-
//           green:8080`), which resolves where the container lives, not where Slipway runs: a small
//           HTTP GET is exec'd inside the container (issue 20.2).
// Anything else is refused with a reason. Pure: unit-tested.
import net from 'node:net';
import type { ContainerSummary } from '../contract/core';
import type { ProbeVia } from '../contract/stats';

export type ProbeWay = { via: 'direct' } | { via: 'exec' } | { via: 'refused'; reason: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

type Target = Pick<ContainerSummary, 'ports' | 'labels' | 'networkMode'>;

export function probeWay(rawUrl: string, c: Target, slipwayPorts: number[]): ProbeWay {
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return { via: 'refused', reason: 'not a URL' };
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const isIp = net.isIP(host) !== 0;
  if (!isIp && host !== 'localhost') return { via: 'exec' };
  const published = c.ports.filter((p) => p.publicPort).map((p) => p.publicPort);
  const label = c.labels['slipway.slot.upstream'];
  const labelled = label && /:(\d+)$/.test(label) ? [{ host: label.slice(0, label.lastIndexOf(':')), port: Number(label.slice(label.lastIndexOf(':') + 1)) }] : [];
  const loopback = LOOPBACK.has(u.hostname) || LOOPBACK.has(host);
  if (labelled.some((l) => l.port === port && (l.host === host || (loopback && LOOPBACK.has(l.host))))) return { via: 'direct' };
  if (loopback && published.includes(port)) return { via: 'direct' };
  if (c.networkMode === 'host' && loopback) {
    if (slipwayPorts.includes(port)) return { via: 'refused', reason: `port ${port} is Slipway's own, not this container's` };
    return { via: 'direct' };
  }
  return { via: 'refused', reason: `${u.host} is not this container's published or labelled address` };
}

export const viaLabel = (w: ProbeWay): ProbeVia => (w.via === 'exec' ? 'exec' : w.via === 'direct' ? 'direct' : 'refused');
