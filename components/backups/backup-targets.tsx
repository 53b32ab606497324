'use client';
// Targets: every labelled container (and volume backed up before), its schedule, last result, and
// a "Back up now" button with a live progress bar.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupProgressEvent, BackupTarget, BackupView, Role } from '@/server/contract';
import { api } from '../api';
import { since } from '../format';
import { BackupProgress, BackupStatusBadge } from './backup-status';
import { backupKeys } from './backup-queries';
import { VolumePicker } from '../volumes/volume-picker';
import { can } from '@/server/auth/permissions';

export function BackupTargets({ targets, backups, progress, role }: { targets: BackupTarget[]; backups: BackupView[]; progress: Map<number, BackupProgressEvent>; role: Role }) {
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [volume, setVolume] = useState('');
  const canRun = can(role, 'backups:run');

  const [proving, setProving] = useState<string | null>(null);
  // "Prove now": restore-tests the newest verified backup; the answer (passed or not) shows in the row
  const prove = async (target: string) => {
    setErrors((e) => ({ ...e, [target]: '' }));
    setProving(target);
    try {
      await api('/api/backups/prove', { method: 'POST', json: { target } });
      await qc.invalidateQueries({ queryKey: backupKeys.targets });
    } catch (e) {
      setErrors((x) => ({ ...x, [target]: (e as Error).message }));
    } finally {
      setProving(null);
    }
  };

  const run = async (target: string) => {
    setErrors((e) => ({ ...e, [target]: '' }));
    try {
      await api('/api/backups', { method: 'POST', json: { target } });
      await qc.invalidateQueries({ queryKey: backupKeys.list });
      await qc.invalidateQueries({ queryKey: backupKeys.targets });
    } catch (e) {
      setErrors((x) => ({ ...x, [target]: (e as Error).message }));
    }
  };

  // The newest backup of a target: running (with its live bytes) or just finished.
  const current = (t: string) => backups.find((b) => b.target === t);
  const lastGoodSize = (t: string) => backups.find((b) => b.target === t && b.status === 'verified')?.sizeBytes ?? null;

  return (
    <section className="card overflow-hidden">
      <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">Targets</h2>
        <span className="text-xs text-slate-500">containers labelled <code>slipway.backup</code></span>
        {canRun ? (
          <form className="ml-auto flex items-center gap-2" onSubmit={(e) => {
            e.preventDefault();
            if (volume.trim()) void run(`volume:${volume.trim()}`);
          }}>
            <VolumePicker value={volume} onChange={setVolume} />
            <button className="btn whitespace-nowrap" disabled={!volume.trim()}>Back up volume</button>
          </form>
        ) : null}
      </div>
      {errors[`volume:${volume.trim()}`] ? <p className="px-4 py-2 text-xs text-rose-600">{errors[`volume:${volume.trim()}`]}</p> : null}
      {targets.length === 0 ? <p className="px-4 py-6 text-sm text-slate-500">No container carries a <code>slipway.backup</code> label yet.</p> : null}
      <div className="overflow-x-auto">
        <table className="w-full">
          {targets.length ? (
            <thead className="border-b border-slate-100">
              <tr>
                <th className="th">Target</th>
                <th className="th">Kind</th>
                <th className="th">Source</th>
                <th className="th">Schedule</th>
                <th className="th">Last result</th>
                <th className="th">Progress</th>
                <th className="th" />
              </tr>
            </thead>
          ) : null}
          <tbody className="divide-y divide-slate-100">
            {targets.map((t) => {
              const b = current(t.target);
              const live = b ? progress.get(b.id) : undefined;
              const showBar = b && (b.status === 'running' || b.status === 'succeeded' || (live && Date.now() - Date.parse(b.finishedAt ?? b.startedAt) < 60_000));
              const phase: BackupProgressEvent['phase'] = b?.status === 'running' ? 'dumping' : b?.status === 'succeeded' ? 'verifying' : 'done';
              return (
                <tr key={t.target} data-testid="backup-target" data-target={t.target}>
                  <td className="td whitespace-nowrap font-medium text-slate-800">
                    {t.target}
                    {t.state && t.state !== 'running' ? <span className="ml-2 text-xs text-slate-400">({t.state})</span> : null}
                  </td>
                  <td className="td text-xs uppercase text-slate-600">{t.kind}</td>
                  <td className="td max-w-[12rem] truncate font-mono text-xs text-slate-600" title={t.source}>{t.source}</td>
                  <td className="td text-xs text-slate-600">
                    {t.schedule ? <span className="whitespace-nowrap font-mono">{t.schedule}</span> : <span className="text-slate-400">manual</span>}
                    {t.retain ? <span className="ml-1 text-slate-400">· keep {t.retain}</span> : null}
                    {t.nextRun ? <div className="whitespace-nowrap text-slate-400" title={t.nextRun}>next {shortTime(t.nextRun)}</div> : null}
                    {t.scheduleError ? <div className="text-rose-600">{t.scheduleError}</div> : null}
                  </td>
                  <td className="td text-xs">
                    {t.last ? (
                      <span className="flex items-center gap-2 whitespace-nowrap">
                        <BackupStatusBadge status={t.last.status} title={t.last.error ?? undefined} />
                        <span className="text-slate-500">{since(t.last.finishedAt ?? t.last.startedAt)} ago</span>
                      </span>
                    ) : (
                      <span className="text-slate-400">never</span>
                    )}
                    <div className="whitespace-nowrap text-slate-500" data-testid="proven" title={t.lastProof?.detail}>
                      {t.lastProvenAt ? `last proven restorable: ${shortTime(t.lastProvenAt)}` : 'not proven restorable yet'}
                    </div>
                    {t.lastProof && !t.lastProof.ok ? <div className="text-rose-600" data-testid="proof-failed">restore test failed {since(t.lastProof.at)} ago: {t.lastProof.detail}</div> : null}
                    {t.verifyScheduleError ? <div className="text-rose-600">{t.verifyScheduleError}</div> : null}
                  </td>
                  <td className="td">
                    {showBar && b ? (
                      <div className="flex items-center gap-2">
                        <BackupProgress bytes={live?.bytes ?? b.progressBytes ?? 0} phase={phase} expected={lastGoodSize(t.target)} />
                        {phase === 'done' ? <BackupStatusBadge status={b.status} title={b.error ?? undefined} /> : null}
                      </div>
                    ) : null}
                    {errors[t.target] ? <div className="text-xs text-rose-600">{errors[t.target]}</div> : null}
                  </td>
                  <td className="td text-right">
                    {canRun ? (
                      <button className="btn-primary whitespace-nowrap px-2.5 py-1 text-xs" disabled={Boolean(t.running) || b?.status === 'running' || b?.status === 'succeeded'} onClick={() => void run(t.target)}>
                        Back up now
                      </button>
                    ) : null}
                    {canRun && t.last ? (
                      <button className="btn ml-1.5 whitespace-nowrap px-2.5 py-1 text-xs" title={`restore-test the newest verified backup (scheduled: ${t.verifySchedule ?? 'weekly'})`} disabled={proving === t.target || Boolean(t.running)} onClick={() => void prove(t.target)}>
                        {proving === t.target ? 'Proving…' : 'Prove now'}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** "Nov 23, 03:00" style: enough to read a schedule at a glance; the full ISO time is in the title. */
function shortTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
