// The two ways a proxy's upstream lives in a file, behind one pair of functions:
//   owned  (default): a file Slipway writes whole (upstream-file.ts), which the nginx config includes;
//   adopt  (label slipway.proxy.upstream=BLOCK): the owner's own config, in which only the addresses
//          of the `server` lines of `upstream BLOCK` change (upstream-block.ts).
// Pure: unit-tested.
import type { SlotName } from '../contract';
import { HttpError } from '../http/errors';
import { addressLike, slotOfUpstream, type GroupMembers, type ProxySettings } from './members';
import { activeServer, blockServers, rewriteBlockServers } from './upstream-block';
import { parseUpstream, renderUpstream, type SlotUpstreams } from './upstream-file';

type Settings = Pick<ProxySettings, 'upstreamBlock' | 'config'>;

/** The address the file sends traffic to. */
export function activeAddress(s: Settings, content: string | null, group: string): string | null {
  if (s.upstreamBlock) {
    const servers = blockServers(content, s.upstreamBlock);
    return servers ? activeServer(servers) : null;
  }
  return parseUpstream(content, group);
}

/** Why the file cannot be switched (adopt mode), or null. */
export function adoptProblem(s: Settings, content: string | null): string | null {
  if (!s.upstreamBlock) return null;
  if (content === null) return `${s.config} does not exist in the proxy container`;
  const servers = blockServers(content, s.upstreamBlock);
  if (!servers) return `${s.config} has no \`upstream ${s.upstreamBlock} { … }\` block`;
  if (!activeServer(servers)) return `upstream ${s.upstreamBlock} in ${s.config} has no server line in use`;
  return null;
}

/**
 * The file's next content for a switch to `to`. Owned: rendered from validated values. Adopt: the old
 * bytes with each slot's server address swapped for the other's (a `backup` line naming the target
 * takes the old slot), so weights, max_fails, backup, comments and layout stay.
 */
export function nextContent(s: Settings, m: GroupMembers, old: string | null, to: SlotName, upstream: string, slots?: SlotUpstreams): string {
  if (!s.upstreamBlock) return renderUpstream(m.group, upstream, slots);
  const problem = adoptProblem(s, old);
  if (problem) throw new HttpError(409, problem);
  const active = activeAddress(s, old, m.group)!;
  const from = slotOfUpstream(m, active);
  if (!from) throw new HttpError(409, `upstream ${s.upstreamBlock} sends traffic to ${active}, which is neither slot: refusing to guess`);
  if (from === to) return old!;
  const a = m.slots[from]!, b = m.slots[to];
  if (!b) throw new HttpError(409, `group ${m.group} has no ${to} slot`);
  const r = rewriteBlockServers(old!, s.upstreamBlock, (addr) => {
    const slot = slotOfUpstream(m, addr);
    if (slot === from) return addressLike(a, b, addr);
    if (slot === to) return addressLike(b, a, addr);
    return null;
  });
  if (!r || r.changed === 0) throw new HttpError(409, `nothing to rewrite in upstream ${s.upstreamBlock}`);
  return r.text;
}
