'use client';
// The catalog: every backup with status, size, sha256 and verify result; filters by target and
// status; download (operators), restore and delete (admins).
import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { BACKUP_STATUSES, type BackupStatus, type BackupView, type Role } from '@/server/contract';
import { api } from '../api';
import { BackupStatusBadge } from './backup-status';
import { backupKeys, durationText } from './backup-queries';
import { formatBytes } from '../format-bytes';
import { RestoreDialog } from './restore-dialog';
import { can } from '@/server/auth/permissions';

export function BackupCatalog({ backups, role }: { backups: BackupView[]; role: Role }) {
  const qc = useQueryClient();
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState<BackupStatus | ''>('');
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const [error, setError] = useState('');
  const targets = useMemo(() => [...new Set(backups.map((b) => b.target))].sort(), [backups]);
  const shown = backups.filter((b) => (!target || b.target === target) && (!status || b.status === status));
  const admin = can(role, 'backups:delete');

  const remove = async (b: BackupView) => {
    if (!confirm(`Delete backup #${b.id} of ${b.target}? Its file is removed for good.`)) return;
    setError('');
    try {
      await api(`/api/backups/${b.id}`, { method: 'DELETE' });
      await qc.invalidateQueries({ queryKey: backupKeys.list });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="card overflow-hidden">
      <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">Catalog</h2>
        <span className="text-xs text-slate-500">{shown.length} of {backups.length}</span>
        <div className="ml-auto flex items-center gap-2">
          <select className="input w-56 py-1 text-xs" value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Filter by target">
            <option value="">All targets</option>
            {targets.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
          <select className="input w-36 py-1 text-xs" value={status} onChange={(e) => setStatus(e.target.value as BackupStatus | '')} aria-label="Filter by status">
            <option value="">All statuses</option>
            {BACKUP_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
      </div>
      {error ? <p role="alert" className="px-4 py-2 text-sm text-rose-600">{error}</p> : null}
      {shown.length === 0 ? <p className="px-4 py-6 text-sm text-slate-500">No backups{target || status ? ' match the filters' : ' yet'}.</p> : null}
      {shown.length ? (
        <div className="overflow-x-auto">
          <table className="w-full">
            <thead className="border-b border-slate-100">
              <tr>
                <th className="th">#</th>
                <th className="th">Target</th>
                <th className="th">Status</th>
                <th className="th">Started</th>
                <th className="th">Took</th>
                <th className="th text-right">Size</th>
                <th className="th">sha256</th>
                <th className="th">Verification</th>
                <th className="th" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((b) => (
                <tr key={b.id} data-testid="backup-row" data-id={b.id} data-target={b.target} data-status={b.status} className="align-top">
                  <td className="td text-xs text-slate-500">{b.id}</td>
                  <td className="td">
                    <div className="whitespace-nowrap font-medium text-slate-800">{b.target}</div>
                    <div className="text-[11px] uppercase text-slate-400">{b.kind} · {b.source}</div>
                  </td>
                  <td className="td"><BackupStatusBadge status={b.status} /></td>
                  <td className="td whitespace-nowrap text-xs text-slate-600" title={b.startedAt}>
                      {new Date(b.startedAt).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })}
                      <div className="text-[11px] text-slate-400">{b.trigger === 'schedule' ? 'scheduled' : `by ${b.username ?? '?'}`}</div>
                    </td>
                  <td className="td whitespace-nowrap text-xs text-slate-600" title={b.dumpedAt ? `dump ${durationText(b.startedAt, b.dumpedAt)}, then verification` : undefined}>{durationText(b.startedAt, b.finishedAt)}</td>
                  <td className="td whitespace-nowrap text-right text-xs text-slate-700">{formatBytes(b.status === 'running' ? b.progressBytes : b.sizeBytes)}</td>
                  <td className="td font-mono text-[11px] text-slate-500" title={b.sha256 ?? ''} data-testid="backup-sha">{b.sha256 ? `${b.sha256.slice(0, 10)}…` : '—'}</td>
                  <td className="td min-w-[12rem] max-w-[18rem] text-xs">
                    {b.error ? <span className="text-rose-700" data-testid="backup-error">{b.error}</span> : <span className="text-slate-600">{b.verify ?? '—'}</span>}
                  </td>
                  <td className="td whitespace-nowrap text-right">
                    {b.fileName && can(role, 'backups:run') ? <a className="btn" href={`/api/backups/${b.id}/download`} download>Download</a> : null}
                    {admin && b.fileName && (b.status === 'verified' || b.status === 'succeeded') ? <button className="btn ml-1" onClick={() => setRestoring(b)}>Restore…</button> : null}
                    {admin && b.status !== 'running' ? <button className="btn btn-danger ml-1" onClick={() => void remove(b)}>Delete</button> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {restoring ? <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} /> : null}
    </section>
  );
}
