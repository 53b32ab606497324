// Which containers form a slot group, from their labels (CONTRACT.md): the blue and green app
// containers and the nginx container fronting them. Pure: unit-tested.
import type { ContainerSummary, SlotName, SwitchMode } from '../contract';
import { GROUP_RE, isValidUpstream, SLOT_NAMES, SWITCH_MODES } from '../contract';

export const L = {
  group: 'slipway.slot.group',
  slot: 'slipway.slot',
  upstream: 'slipway.slot.upstream',
  proxyGroup: 'slipway.proxy.group',
  proxyConfig: 'slipway.proxy.config',
  proxyUrl: 'slipway.proxy.url',
  proxyHeader: 'slipway.proxy.header',
  proxySwitch: 'slipway.proxy.switch',
  /** adopt mode: the name of an `upstream` block in the owner's own config (slipway.proxy.config) */
  proxyUpstream: 'slipway.proxy.upstream',
} as const;

export interface ProxySettings {
  config: string | null;
  url: string | null;
  header: string;
  /** null when the label holds something else: switches are refused rather than guessed */
  mode: SwitchMode | null;
  /** live mode: the flag file next to the upstream file (`web.conf` → `web.green`) */
  flag: string | null;
  /** adopt mode: the owner's `upstream` block whose server lines a switch rewrites; null: Slipway owns the file */
  upstreamBlock: string | null;
  problems: string[];
}

export interface GroupMembers {
  group: string;
  slots: Partial<Record<SlotName, ContainerSummary>>;
  proxy: ContainerSummary | null;
  problems: string[];
  /** slots with more than one candidate container: switches and deploys are refused (409) */
  ambiguous: SlotName[];
}

const CONFIG_PATH_RE = /^\/(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\.conf$/;
const HEADER_RE = /^[A-Za-z0-9-]{1,64}$/;
const BLOCK_RE = /^[A-Za-z0-9_.-]{1,64}$/;

/** The validated address a slot receives traffic on: its label, else container name + first port. */
export function slotUpstream(c: ContainerSummary): { upstream: string | null; error: string | null } {
  const label = c.labels[L.upstream];
  if (label !== undefined) return isValidUpstream(label) ? { upstream: label, error: null } : { upstream: null, error: `label ${L.upstream} is not host:port: ${JSON.stringify(label.slice(0, 80))}` };
  const port = c.ports.find((p) => p.privatePort)?.privatePort;
  const guess = port ? `${c.name}:${port}` : null;
  if (guess && isValidUpstream(guess)) return { upstream: guess, error: null };
  return { upstream: null, error: `no ${L.upstream} label and no exposed port` };
}

export function proxySettings(c: ContainerSummary): ProxySettings {
  const problems: string[] = [];
  let config: string | null = c.labels[L.proxyConfig] ?? null;
  if (config === null) problems.push(`proxy has no ${L.proxyConfig} label`);
  else if (!CONFIG_PATH_RE.test(config) || config.split('/').includes('..')) {
    problems.push(`${L.proxyConfig} must be an absolute path to a .conf file`);
    config = null;
  }
  let url: string | null = c.labels[L.proxyUrl] ?? null;
  if (url !== null && !/^https?:\/\/[^\s]+$/.test(url)) {
    problems.push(`${L.proxyUrl} is not an http(s) URL`);
    url = null;
  }
  if (url === null && !problems.some((p) => p.includes(L.proxyUrl))) problems.push(`proxy has no ${L.proxyUrl} label: switches cannot be verified`);
  const rawHeader = c.labels[L.proxyHeader] ?? 'X-Slot';
  const header = HEADER_RE.test(rawHeader) ? rawHeader : 'X-Slot';
  if (header !== rawHeader) problems.push(`${L.proxyHeader} is not a header name; using X-Slot`);
  const rawMode = c.labels[L.proxySwitch] ?? 'reload';
  const mode = (SWITCH_MODES as readonly string[]).includes(rawMode) ? (rawMode as SwitchMode) : null;
  if (!mode) problems.push(`${L.proxySwitch} must be reload or live (got ${JSON.stringify(rawMode.slice(0, 40))}): switching is refused`);
  const rawBlock = c.labels[L.proxyUpstream];
  let upstreamBlock: string | null = null;
  if (rawBlock !== undefined) {
    if (!BLOCK_RE.test(rawBlock)) problems.push(`${L.proxyUpstream} must name an upstream block (letters, digits, . _ -)`);
    else upstreamBlock = rawBlock;
  }
  let finalMode = mode;
  if (upstreamBlock && mode === 'live') {
    problems.push(`${L.proxyUpstream} adopts the owner's config, which switches by reload only: switching is refused while ${L.proxySwitch} is live`);
    finalMode = null;
  }
  const flag = finalMode === 'live' && config ? config.replace(/\.conf$/, '.green') : null;
  return { config, url, header, mode: finalMode, flag, upstreamBlock, problems };
}

const rank = (c: ContainerSummary) => (c.state === 'running' ? 2 : c.state === 'created' ? 0 : 1);

/**
 * Groups containers by slipway.slot.group / slipway.proxy.group. Invalid group names are ignored.
 * Labels are input, not authority (issue 15.2): a group is scoped to its proxy's compose project, so a
 * container of another project labelled into the group is not a member; and when a slot still has more
 * than one candidate, `ambiguous` names it and switches and deploys are refused rather than guessed.
 */
export function groupMembers(containers: ContainerSummary[]): Map<string, GroupMembers> {
  const out = new Map<string, GroupMembers>();
  const get = (g: string) => {
    let m = out.get(g);
    if (!m) out.set(g, (m = { group: g, slots: {}, proxy: null, problems: [], ambiguous: [] }));
    return m;
  };
  const sorted = [...containers].sort((a, b) => rank(b) - rank(a) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  for (const c of sorted) {
    const pg = c.labels[L.proxyGroup];
    if (pg !== undefined && GROUP_RE.test(pg)) {
      const m = get(pg);
      if (m.proxy) m.problems.push(`more than one proxy (${m.proxy.name}, ${c.name}); using ${m.proxy.name}`);
      else m.proxy = c;
    }
  }
  for (const c of sorted) {
    const g = c.labels[L.group];
    if (g === undefined || !GROUP_RE.test(g)) continue;
    const slot = c.labels[L.slot] as SlotName;
    const m = get(g);
    if (m.proxy && c.project !== m.proxy.project) {
      m.problems.push(`${c.name} claims ${L.group}=${g} but belongs to ${c.project ? `compose project ${c.project}` : 'no compose project'}, not the proxy's (${m.proxy.project ?? 'none'}): ignored`);
      continue;
    }
    if (!SLOT_NAMES.includes(slot)) m.problems.push(`${c.name}: ${L.slot} must be blue or green`);
    else if (m.slots[slot]) {
      m.problems.push(`more than one ${slot} container (${m.slots[slot]!.name}, ${c.name}): switching and deploying are refused until one is removed`);
      if (!m.ambiguous.includes(slot)) m.ambiguous.push(slot);
    } else m.slots[slot] = c;
  }
  for (const m of out.values()) {
    if (!m.proxy) m.problems.push('no proxy container carries slipway.proxy.group for this group');
    for (const s of SLOT_NAMES) if (!m.slots[s]) m.problems.push(`no ${s} slot container`);
  }
  return out;
}

/**
 * Every host:port a proxy config may name this slot by: its upstream (label or default), and its
 * container name or compose service with each of its ports (`togather-server-blue:8080`), since a
 * stack's own config reaches slots by name on its network.
 */
export function slotAddresses(c: ContainerSummary): string[] {
  const out = new Set<string>();
  const up = slotUpstream(c).upstream;
  if (up) out.add(up);
  const ports = new Set<number>(c.ports.map((p) => p.privatePort ?? 0).filter((p) => p > 0));
  if (up) ports.add(Number(up.slice(up.lastIndexOf(':') + 1)));
  for (const host of [c.name, c.service]) if (host) for (const p of ports) if (isValidUpstream(`${host}:${p}`)) out.add(`${host}:${p}`);
  return [...out];
}

/** Which slot an upstream address belongs to (by its upstream, container name or service name). */
export function slotOfUpstream(m: GroupMembers, upstream: string | null): SlotName | null {
  if (!upstream) return null;
  for (const s of SLOT_NAMES) {
    const c = m.slots[s];
    if (c && slotAddresses(c).includes(upstream)) return s;
  }
  return null;
}

/**
 * The address of slot `to` written the way the config named the other slot: by container name, by
 * service name, else the target's upstream. Always a validated host:port.
 */
export function addressLike(from: ContainerSummary, to: ContainerSummary, written: string): string | null {
  const fallback = slotUpstream(to).upstream;
  const i = written.lastIndexOf(':');
  const host = written.slice(0, i), port = written.slice(i + 1);
  if (written === slotUpstream(from).upstream) return fallback;
  const candidate = host === from.name ? `${to.name}:${port}` : from.service && host === from.service && to.service ? `${to.service}:${port}` : null;
  return candidate && isValidUpstream(candidate) ? candidate : fallback;
}
