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
} as const;

export interface ProxySettings {
  config: string | null;
  url: string | null;
  header: string;
  /** null when the label holds something else: switches are refused rather than guessed */
  mode: SwitchMode | null;
  /** live mode: the flag file next to the upstream file (`web.conf` → `web.green`) */
  flag: string | null;
  problems: string[];
}

export interface GroupMembers {
  group: string;
  slots: Partial<Record<SlotName, ContainerSummary>>;
  proxy: ContainerSummary | null;
  problems: string[];
}

const CONFIG_PATH_RE = /^\/(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\.conf$/;
const HEADER_RE = /^[A-Za-z0-9-]{1,64}$/;

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
  const flag = mode === 'live' && config ? config.replace(/\.conf$/, '.green') : null;
  return { config, url, header, mode, flag, problems };
}

const rank = (c: ContainerSummary) => (c.state === 'running' ? 2 : c.state === 'created' ? 0 : 1);

/** Groups containers by slipway.slot.group / slipway.proxy.group. Invalid group names are ignored. */
export function groupMembers(containers: ContainerSummary[]): Map<string, GroupMembers> {
  const out = new Map<string, GroupMembers>();
  const get = (g: string) => {
    let m = out.get(g);
    if (!m) out.set(g, (m = { group: g, slots: {}, proxy: null, problems: [] }));
    return m;
  };
  const sorted = [...containers].sort((a, b) => rank(b) - rank(a) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  for (const c of sorted) {
    const g = c.labels[L.group];
    if (g !== undefined && GROUP_RE.test(g)) {
      const slot = c.labels[L.slot] as SlotName;
      const m = get(g);
      if (!SLOT_NAMES.includes(slot)) m.problems.push(`${c.name}: ${L.slot} must be blue or green`);
      else if (m.slots[slot]) m.problems.push(`more than one ${slot} container (${m.slots[slot]!.name}, ${c.name}); using ${m.slots[slot]!.name}`);
      else m.slots[slot] = c;
    }
    const pg = c.labels[L.proxyGroup];
    if (pg !== undefined && GROUP_RE.test(pg)) {
      const m = get(pg);
      if (m.proxy) m.problems.push(`more than one proxy (${m.proxy.name}, ${c.name}); using ${m.proxy.name}`);
      else m.proxy = c;
    }
  }
  for (const m of out.values()) {
    if (!m.proxy) m.problems.push('no proxy container carries slipway.proxy.group for this group');
    for (const s of SLOT_NAMES) if (!m.slots[s]) m.problems.push(`no ${s} slot container`);
  }
  return out;
}

/** Which slot an upstream address belongs to. */
export function slotOfUpstream(m: GroupMembers, upstream: string | null): SlotName | null {
  if (!upstream) return null;
  for (const s of SLOT_NAMES) {
    const c = m.slots[s];
    if (c && slotUpstream(c).upstream === upstream) return s;
  }
  return null;
}
