'use client';
// One slot of a group: its container, image, health, probe results and uptime; the active one marked.
import type { SlotInfo, SlotName, SlotProbe } from '@/server/contract';
import { Badge, HealthBadge } from '../badges';
import { since } from '../format';

export const slotTone: Record<SlotName, { ring: string; dot: string; text: string }> = {
  blue: { ring: 'ring-sky-500', dot: 'bg-sky-500', text: 'text-sky-700' },
  green: { ring: 'ring-emerald-500', dot: 'bg-emerald-500', text: 'text-emerald-700' },
};

/** Which way a probe ran, in words (issue 20.2: the UI says how each probe reaches the slot). */
const viaText = (p: SlotProbe) =>
  p.via === 'exec' ? `an HTTP GET exec'd inside ${p.from ?? 'the container'}, where the name resolves` : p.via === 'direct' ? 'fetched by Slipway on the container\'s own address' : `not probed: ${p.error ?? 'not the container\'s own address'}`;

export function SlotPanel({ slot, info, active, now, children }: { slot: SlotName; info: SlotInfo | undefined; active: boolean; now: number; children?: React.ReactNode }) {
  const tone = slotTone[slot];
  return (
    <div data-testid={`slot-${slot}`} data-active={active ? 'true' : 'false'} className={`relative rounded-lg border bg-white p-4 ${active ? `border-transparent ring-2 ${tone.ring}` : 'border-slate-200'}`}>
      <div className="flex items-center gap-2">
        <span className={`h-2.5 w-2.5 rounded-full ${tone.dot}`} aria-hidden />
        <span className={`text-sm font-semibold uppercase tracking-wide ${tone.text}`}>{slot}</span>
        {active ? (
          <span data-testid="active-badge" className="ml-auto rounded-full bg-slate-900 px-2.5 py-0.5 text-xs font-semibold text-white">● LIVE — receives traffic</span>
        ) : (
          <span className="ml-auto text-xs text-slate-500">idle</span>
        )}
      </div>
      {!info ? (
        <p className="mt-3 text-sm text-rose-600">No {slot} container.</p>
      ) : (
        <dl className="mt-3 grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Container</dt>
          <dd className="truncate font-mono text-xs leading-5" title={info.name}>{info.name}</dd>
          <dt className="text-slate-500">Image</dt>
          <dd className="truncate font-mono text-xs leading-5" data-testid="slot-image" title={info.image}>{info.image}</dd>
          <dt className="text-slate-500">State</dt>
          <dd className="flex items-center gap-2">
            <Badge color={info.state === 'running' ? 'green' : 'slate'}>{info.state}</Badge>
            <HealthBadge c={info} />
            <span className="text-xs text-slate-500">{info.startedAt ? `up ${since(info.startedAt, now)}` : ''}</span>
          </dd>
          <dt className="text-slate-500">Upstream</dt>
          <dd className="font-mono text-xs leading-5">{info.upstream ?? <span className="text-rose-600">{info.upstreamError}</span>}</dd>
          <dt className="text-slate-500">Probes</dt>
          <dd className="flex flex-wrap gap-1.5">
            {info.probes.length === 0 ? <span className="text-xs text-slate-400">{info.state === 'running' ? 'none defined' : 'not running'}</span> : null}
            {info.probes.map((p) => (
              <Badge key={p.name} color={p.ok ? 'green' : 'red'} title={`${p.url} → ${p.statusCode ?? p.error} (${viaText(p)})`} testId={`probe-${p.name}`}>
                {p.name} {p.ok ? '✓' : '✗'} {p.statusCode ?? 'error'}{p.latencyMs !== null ? ` · ${p.latencyMs} ms` : ''}
                <span className="ml-1 whitespace-nowrap font-normal opacity-75" data-testid={`probe-via-${p.name}`}>· {p.via === 'exec' ? `exec in ${!p.from || p.from === info.name ? 'this container' : p.from}` : p.via === 'direct' ? 'direct' : 'refused'}</span>
              </Badge>
            ))}
          </dd>
        </dl>
      )}
      {children ? <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">{children}</div> : null}
    </div>
  );
}
