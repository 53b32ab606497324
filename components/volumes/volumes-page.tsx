'use client';
// Volumes: driver, size (as the engine reports it), the containers mounting each; remove, and
// remove-unused with a confirmation listing exactly which volumes go.
import { useState } from 'react';
import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { can } from '@/server/auth/permissions';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { since } from '../format';
import { formatBytes } from '../format-bytes';
import { RemovalDialog } from '../images/confirm-dialog';
import { removeUnusedVolumes, removeVolume } from './mutations';
import { useVolumesQuery } from './queries';

export function VolumesPage() {
  const me = useMeQuery();
  const canRemove = can(me.data?.role ?? 'viewer', 'resources:remove');
  const canBrowse = can(me.data?.role ?? 'viewer', 'files:read');
  const volumes = useVolumesQuery(true);
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const unused = (volumes.data ?? []).filter((v) => v.containers.length === 0);
  const refresh = () => qc.invalidateQueries({ queryKey: ['volumes'] });
  const removeUnused = async () => {
    const r = await removeUnusedVolumes(unused.map((v) => v.name));
    await refresh();
    return `Removed ${r.removed.length} volumes${r.skipped.length ? `; kept ${r.skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}` : ''}.`;
  };

  return (
    <AppShell title="Volumes" actions={canRemove ? <button className="btn" onClick={() => setConfirming(true)} data-testid="remove-unused-volumes">Remove unused…</button> : null}>
      {volumes.isError ? <p className="mb-3 text-sm text-rose-600">Could not load volumes: {volumes.error.message}</p> : null}
      <div className="card overflow-x-auto">
        <table className="w-full" data-testid="volumes-table">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr><th className="th">Name</th><th className="th">Driver</th><th className="th">Size</th><th className="th">Created</th><th className="th">Used by</th><th className="th" /></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(volumes.data ?? []).map((v) => (
              <tr key={v.name} data-testid="volume-row">
                <td className="td max-w-[18rem] break-all font-mono text-xs text-slate-800">{v.name}{v.project ? <div className="text-[11px] text-slate-400">stack {v.project}</div> : null}</td>
                <td className="td text-xs">{v.driver}</td>
                <td className="td whitespace-nowrap text-xs">{v.sizeBytes == null ? '—' : formatBytes(v.sizeBytes)}</td>
                <td className="td whitespace-nowrap text-xs text-slate-600">{v.createdAt ? since(v.createdAt) : '—'}</td>
                <td className="td text-xs">{v.containers.length ? v.containers.map((c) => <div key={c.id}>{c.name}</div>) : <span className="text-slate-400">unused</span>}</td>
                <td className="td text-right">
                  {canBrowse ? <Link className="btn mr-1.5" href={`/volumes/${encodeURIComponent(v.name)}/files`}>Browse</Link> : null}
                  {canRemove && !v.containers.length ? (
                    <button className="btn btn-danger" onClick={async () => {
                      if (!window.confirm(`Remove volume ${v.name} and its data?`)) return;
                      await removeVolume(v.name).catch((e: Error) => window.alert(e.message));
                      await refresh();
                    }}>Remove</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {volumes.data?.length === 0 ? <p className="p-4 text-sm text-slate-500">No volumes.</p> : null}
      </div>
      {confirming ? (
        <RemovalDialog
          title="Remove unused volumes"
          doneTitle="Unused volumes removed"
          summary={`${unused.length} volumes are not mounted by any container. Their data is deleted.`}
          lines={unused.map((v) => ({ key: v.name, label: <span className="font-mono text-xs">{v.name}{v.sizeBytes != null ? ` · ${formatBytes(v.sizeBytes)}` : ''}</span> }))}
          confirmLabel={`Remove ${unused.length} volumes`}
          run={removeUnused}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </AppShell>
  );
}
