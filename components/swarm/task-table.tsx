'use client';
// A service's tasks: the ones the engine wants running first, then the history it keeps (failed
// attempts with their error, replaced versions), newest first.
import { useState } from 'react';
import { since, shortId } from '../format';
import { TaskStateBadge } from './swarm-badges';
import type { SwarmServiceDetail, SwarmTask } from '@/server/contract';

export function TaskTable({ service }: { service: SwarmServiceDetail }) {
  const [showHistory, setShowHistory] = useState(true);
  const current = service.tasks.filter((t) => t.desiredState === 'running');
  const history = service.tasks.filter((t) => t.desiredState !== 'running');
  const rows = showHistory ? [...current, ...history] : current;
  return (
    <section className="card overflow-hidden" data-testid="task-table">
      <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">Tasks</h2>
        <span className="text-xs text-slate-500">{current.length} current · {history.length} in history</span>
        <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-600">
          <input type="checkbox" checked={showHistory} onChange={(e) => setShowHistory(e.target.checked)} /> show history
        </label>
      </div>
      <table className="w-full">
        <thead className="border-b border-slate-100">
          <tr><th className="th">Task</th><th className="th">Node</th><th className="th">State</th><th className="th">Desired</th><th className="th">Image</th><th className="th">Error</th><th className="th">Since</th><th className="th">Container</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((t) => <TaskRow key={t.id} t={t} name={service.name} old={t.desiredState !== 'running'} />)}
          {rows.length === 0 ? <tr><td className="td text-slate-500" colSpan={8}>No tasks{service.desired === 0 ? ': scaled to zero' : ''}.</td></tr> : null}
        </tbody>
      </table>
    </section>
  );
}

function TaskRow({ t, name, old }: { t: SwarmTask; name: string; old: boolean }) {
  return (
    <tr data-testid="task-row" data-state={t.state} data-desired={t.desiredState} className={old ? 'bg-slate-50/40 text-slate-500' : ''}>
      <td className="td whitespace-nowrap font-mono text-xs">
        <span className={old ? '' : 'font-semibold text-slate-800'}>{name}.{t.slot ?? t.nodeHostname ?? '?'}</span>
        <span className="ml-1.5 text-slate-400" title={t.id}>{t.id.slice(0, 10)}</span>
      </td>
      <td className="td text-xs">{t.nodeHostname ?? t.nodeId?.slice(0, 12) ?? '—'}</td>
      <td className="td"><TaskStateBadge state={t.state} desired={t.desiredState} /></td>
      <td className="td text-xs">{t.desiredState}</td>
      <td className="td max-w-[16rem] truncate font-mono text-xs" title={t.image}>{t.image}</td>
      <td className="td max-w-[20rem] text-xs">
        {t.error ? <span className="text-rose-700" data-testid="task-error">{t.error}</span> : <span className="text-slate-400">{t.message === t.state || t.state === 'running' ? '' : t.message}</span>}
      </td>
      <td className="td whitespace-nowrap text-xs" title={t.stateSince ?? undefined}>{since(t.stateSince)} ago</td>
      <td className="td font-mono text-xs">{t.containerId ? shortId(t.containerId) : '—'}</td>
    </tr>
  );
}
