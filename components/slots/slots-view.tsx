'use client';
// The slots page: every blue/green group with its slots, proxy verification, switch and deploy.
import { useEffect, useState } from 'react';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { useSlotProgress, useSlotsQuery } from './slot-queries';
import { SlotGroupCard } from './slot-group-card';

export function SlotsView() {
  const groups = useSlotsQuery();
  const me = useMeQuery();
  const runs = useSlotProgress();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);
  return (
    <AppShell title="Blue/green slots">
      {groups.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {groups.isError ? <p className="text-sm text-rose-600">Could not load slots: {groups.error.message}</p> : null}
      {groups.data && groups.data.length === 0 ? (
        <div className="card p-6 text-sm text-slate-600">
          No slot groups. Label two app containers with <code>slipway.slot.group</code>, <code>slipway.slot</code> (blue/green) and{' '}
          <code>slipway.slot.upstream</code>, and the nginx container fronting them with <code>slipway.proxy.*</code> (see the README).
        </div>
      ) : null}
      <div className="space-y-6">
        {(groups.data ?? []).map((g) => (
          <SlotGroupCard key={g.group} group={g} role={me.data?.role ?? 'viewer'} runs={runs[g.group] ?? []} now={now} />
        ))}
      </div>
    </AppShell>
  );
}
