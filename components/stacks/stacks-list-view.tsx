'use client';
// Every compose stack of the environment: state, deployed or not, Slipway's own or adopted, drift.
import Link from 'next/link';
import { useState } from 'react';
import { can } from '@/server/auth/permissions';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { CreateStackDialog } from './create-stack-dialog';
import { useOperationsOverview, useStackList } from './queries';

export function StacksListView() {
  const me = useMeQuery();
  const list = useStackList();
  const overview = useOperationsOverview();
  const [creating, setCreating] = useState(false);
  const canEdit = can(me.data?.role ?? 'viewer', 'stacks:edit');
  const stacks = (list.data ?? []).filter((s) => !s.standalone);
  return (
    <AppShell title="Compose stacks">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-xs text-slate-500" data-testid="compose-cli">
            {overview.data ? (overview.data.cli ? `${overview.data.cli.command} ${overview.data.cli.version}` : 'no compose CLI found') : ''}
          </span>
          {canEdit && (
            <button className="ml-auto rounded bg-indigo-600 px-3 py-1.5 text-sm text-white" onClick={() => setCreating(true)}>
              New stack
            </button>
          )}
        </div>
        {list.isError && <p className="text-rose-600">{(list.error as Error).message}</p>}
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" data-testid="stacks-table">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr><th className="px-3 py-2">Stack</th><th className="px-3">State</th><th className="px-3">Services</th><th className="px-3">Source</th><th className="px-3">Drift</th></tr>
            </thead>
            <tbody>
              {stacks.map((s) => {
                const out = Object.entries(s.drift).filter(([, d]) => !d.inSync);
                return (
                  <tr key={s.name} className="border-t border-slate-100" data-testid={`stack-row-${s.name}`}>
                    <td className="px-3 py-2"><Link className="font-mono text-indigo-700 hover:underline" href={`/stacks/${encodeURIComponent(s.name)}`}>{s.name}</Link></td>
                    <td className="px-3">{s.filesMissing ? <span className="text-rose-600">{s.filesElsewhere ? 'files on another host' : 'files missing'}</span> : s.deployed ? s.state : <span className="text-slate-500">not deployed</span>}</td>
                    <td className="px-3">{s.services.length}</td>
                    <td className="px-3 text-xs">{s.managed ? 'Slipway' : s.dir ? <span className="font-mono" title={s.dir}>adopted</span> : 'no files'}</td>
                    <td className="px-3 text-xs">{Object.keys(s.drift).length === 0 ? '—' : out.length === 0 ? <span className="text-emerald-700">in sync</span> : <span className="text-amber-700">{out.length} out of date</span>}</td>
                  </tr>
                );
              })}
              {stacks.length === 0 && <tr><td className="px-3 py-4 text-slate-500" colSpan={5}>No stacks yet.</td></tr>}
            </tbody>
          </table>
        </div>
        {creating && <CreateStackDialog onClose={() => setCreating(false)} />}
      </div>
    </AppShell>
  );
}
