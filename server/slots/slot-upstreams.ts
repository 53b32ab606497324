// Which per-slot upstream blocks a switch writes into the upstream file. Pure: unit-tested.
import type { GroupMembers } from './members';
import { slotUpstream } from './members';
import { parseSlotUpstreams, type SlotUpstreams } from './upstream-file';

/** Both slots' validated addresses (live mode writes a block for each), or why not. */
export function bothSlotUpstreams(m: GroupMembers): { slots: SlotUpstreams | null; error: string | null } {
  const out: Partial<SlotUpstreams> = {};
  for (const s of ['blue', 'green'] as const) {
    const c = m.slots[s];
    if (!c) return { slots: null, error: `group ${m.group} has no ${s} slot` };
    const { upstream, error } = slotUpstream(c);
    if (!upstream) return { slots: null, error: `${s} slot ${c.name}: ${error}` };
    out[s] = upstream;
  }
  return { slots: out as SlotUpstreams, error: null };
}

/**
 * Reload mode keeps per-slot blocks a file already has (addresses refreshed from the labels), so a
 * proxy whose config routes live but lacks the label is never left without its upstreams.
 */
export function keptSlotUpstreams(m: GroupMembers, old: string | null): SlotUpstreams | null {
  const had = parseSlotUpstreams(old, m.group);
  if (!had.blue && !had.green) return null;
  const now = bothSlotUpstreams(m).slots;
  const blue = now?.blue ?? had.blue, green = now?.green ?? had.green;
  return blue && green ? { blue, green } : null;
}

