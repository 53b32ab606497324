'use client';
// Networks: driver, scope, the containers attached; remove-unused (never the engine's own networks)
// with a confirmation listing exactly which networks go.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { can } from '@/server/auth/permissions';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { Badge } from '../badges';
import { RemovalDialog } from '../images/confirm-dialog';
import { networkKeys, removeUnusedNetworks, useNetworksQuery } from './queries';

export function NetworksPage() {
  const me = useMeQuery();
  const canRemove = can(me.data?.role ?? 'viewer', 'resources:remove');
  const networks = useNetworksQuery();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const unused = (networks.data ?? []).filter((n) => !n.builtin && n.containers.length === 0);
  const removeUnused = async () => {
    const r = await removeUnusedNetworks(unused.map((n) => n.name));
    await qc.invalidateQueries({ queryKey: networkKeys.list });
    return `Removed ${r.removed.length} networks${r.skipped.length ? `; kept ${r.skipped.map((s) => s.name).join(', ')}` : ''}.`;
  };
  return (
    <AppShell title="Networks" actions={canRemove ? <button className="btn" onClick={() => setConfirming(true)} data-testid="remove-unused-networks">Remove unused…</button> : null}>
      {networks.isError ? <p className="mb-3 text-sm text-rose-600">Could not load networks: {networks.error.message}</p> : null}
      <div className="card overflow-x-auto">
        <table className="w-full" data-testid="networks-table">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr><th className="th">Name</th><th className="th">Driver</th><th className="th">Scope</th><th className="th">Containers</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(networks.data ?? []).map((n) => (
              <tr key={n.id} data-testid="network-row">
                <td className="td font-mono text-xs text-slate-800">
                  {n.name} {n.builtin ? <Badge color="slate">engine</Badge> : null} {n.internal ? <Badge color="amber">internal</Badge> : null}
                  {n.project ? <div className="text-[11px] text-slate-400">stack {n.project}</div> : null}
                </td>
                <td className="td text-xs">{n.driver}</td>
                <td className="td text-xs">{n.scope}</td>
                <td className="td text-xs">{n.containers.length ? n.containers.map((c) => <div key={c.id}>{c.name}</div>) : <span className="text-slate-400">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirming ? (
        <RemovalDialog
          title="Remove unused networks"
          doneTitle="Unused networks removed"
          summary={`${unused.length} networks have no container attached.`}
          lines={unused.map((n) => ({ key: n.id, label: <span className="font-mono text-xs">{n.name} · {n.driver}</span> }))}
          confirmLabel={`Remove ${unused.length} networks`}
          run={removeUnused}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </AppShell>
  );
}
