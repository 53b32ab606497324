// The upstream file Slipway owns inside the proxy container: generated only from a validated
// group name and host:port values, and parsed back to tell which address the proxy sends traffic to.
// Reload mode: one `upstream GROUP` block (the active slot). Live mode adds `upstream GROUP_blue` and
// `upstream GROUP_green`, which the nginx config picks per request; `upstream GROUP` stays the record
// of the active slot. Pure.
import { GROUP_RE, isValidUpstream, type SlotName } from '../contract';

export type SlotUpstreams = Record<SlotName, string>;

const block = (name: string, upstream: string) => `upstream ${name} { server ${upstream}; keepalive 32; }\n`;

export function renderUpstream(group: string, upstream: string, slots?: SlotUpstreams): string {
  if (!GROUP_RE.test(group)) throw new Error(`invalid group name ${JSON.stringify(group)}`);
  for (const u of [upstream, ...(slots ? [slots.blue, slots.green] : [])])
    if (!isValidUpstream(u)) throw new Error(`invalid upstream ${JSON.stringify(u)}`);
  if (!slots) return `# Written by Slipway: the active slot of group ${group}. Switch slots in Slipway, not by hand.\n${block(group, upstream)}`;
  return (
    `# Written by Slipway: group ${group} switches live. \`upstream ${group}\` records the active slot; nginx routes by the\n` +
    `# flag file next to this one (present: ${group}_green, absent: ${group}_blue). Switch slots in Slipway, not by hand.\n` +
    block(group, upstream) + block(`${group}_blue`, slots.blue) + block(`${group}_green`, slots.green)
  );
}

const serverOf = (text: string, name: string): string | null => {
  const re = new RegExp(`\\bupstream\\s+${name}\\s*\\{[^}]*?\\bserver\\s+([^\\s;]+)`);
  return re.exec(text)?.[1] ?? null;
};
const strip = (content: string) => content.replace(/#[^\n]*/g, '');

/**
 * The active address: the `server` of the `upstream GROUP` block when a group is given and the block
 * exists, else the first `server` in the file; null when there is none.
 */
export function parseUpstream(content: string | null, group?: string): string | null {
  if (!content) return null;
  const text = strip(content);
  if (group && GROUP_RE.test(group)) {
    const own = serverOf(text, group);
    if (own) return own;
  }
  const m = /\bserver\s+([^\s;]+)/.exec(text);
  return m ? m[1] : null;
}

/** The per-slot upstreams of a live-mode file (`upstream GROUP_blue`, `upstream GROUP_green`). */
export function parseSlotUpstreams(content: string | null, group: string): Partial<SlotUpstreams> {
  if (!content || !GROUP_RE.test(group)) return {};
  const text = strip(content);
  const out: Partial<SlotUpstreams> = {};
  for (const s of ['blue', 'green'] as const) {
    const v = serverOf(text, `${group}_${s}`);
    if (v) out[s] = v;
  }
  return out;
}

/** True when nginx must reload to know the slots' addresses: a per-slot block is missing or differs. */
export function slotUpstreamsChanged(oldContent: string | null, group: string, slots: SlotUpstreams): boolean {
  const old = parseSlotUpstreams(oldContent, group);
  return old.blue !== slots.blue || old.green !== slots.green;
}
