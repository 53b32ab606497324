// The upstream file Slipway owns inside the proxy container: generated only from a validated
// group name and host:port, and parsed back to tell which address the proxy sends traffic to. Pure.
import { GROUP_RE, isValidUpstream } from '../contract';

export function renderUpstream(group: string, upstream: string): string {
  if (!GROUP_RE.test(group)) throw new Error(`invalid group name ${JSON.stringify(group)}`);
  if (!isValidUpstream(upstream)) throw new Error(`invalid upstream ${JSON.stringify(upstream)}`);
  return `# Written by Slipway: the active slot of group ${group}. Switch slots in Slipway, not by hand.\nupstream ${group} { server ${upstream}; keepalive 32; }\n`;
}

/** The first `server host:port` inside the file's upstream block, or null. */
export function parseUpstream(content: string | null): string | null {
  if (!content) return null;
  const withoutComments = content.replace(/#[^\n]*/g, '');
  const m = /\bserver\s+([^\s;]+)/.exec(withoutComments);
  return m ? m[1] : null;
}
