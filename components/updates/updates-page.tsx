'use client';
// Updates: every checked container's image with its status, "Check now", and one-click update of a
// compose service with its live progress (pull, recreate, health wait, rollback on failure).
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { UpdateInfo } from '@/server/contract';
import { can } from '@/server/auth/permissions';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { since } from '../format';
import { useUpdatesLive, type JobView } from './live';
import { checkNow, updateService } from './mutations';
import { updateKeys, useUpdatesQuery } from './queries';
import { RegistriesSection } from './registries-section';
import { UpdateBadge } from './update-badge';

const short = (d: string | null) => (d ? d.replace(/^sha256:/, '').slice(0, 12) : '—');

export function UpdatesPage() {
  const me = useMeQuery();
  const role = me.data?.role ?? 'viewer';
  const updates = useUpdatesQuery();
  const jobs = useUpdatesLive();
  const qc = useQueryClient();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState('');
  const [started, setStarted] = useState<Record<string, string>>({});
  const canCheck = can(role, 'updates:check');
  const canApply = can(role, 'updates:apply');

  const check = async () => {
    setChecking(true);
    setError('');
    try {
      await checkNow();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setChecking(false);
      void qc.invalidateQueries({ queryKey: updateKeys.list });
    }
  };
  const apply = async (u: UpdateInfo) => {
    const key = `${u.project}/${u.service}`;
    setError('');
    try {
      const { id } = await updateService(u.project!, u.service!);
      setStarted((s) => ({ ...s, [key]: id }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const rows = updates.data ?? [];
  const available = rows.filter((u) => u.status === 'update-available').length;

  return (
    <AppShell title="Updates" actions={canCheck ? <button className="btn" onClick={() => void check()} disabled={checking} data-testid="check-now">{checking ? 'Checking…' : 'Check now'}</button> : null}>
      <p className="mb-3 text-sm text-slate-600">
        {available ? <strong className="text-indigo-700">{available} update{available > 1 ? 's' : ''} available. </strong> : null}
        Images referenced by tag are compared with their registry (manifest digest only, no layers). Label a service <code>slipway.update=auto</code> to apply updates, or <code>off</code> to skip it.
      </p>
      {error ? <p className="mb-3 text-sm text-rose-600">{error}</p> : null}
      <div className="card overflow-x-auto">
        <table className="w-full" data-testid="updates-table">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr><th className="th">Service / container</th><th className="th">Image</th><th className="th">Status</th><th className="th">Local → remote</th><th className="th">Checked</th><th className="th" /></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((u) => {
              const key = `${u.project}/${u.service}`;
              const jobId = started[key];
              const job: JobView | undefined = jobId ? jobs.get(jobId) : undefined;
              return (
                <tr key={u.containerId} data-testid="update-row" data-project={u.project ?? ''} data-service={u.service ?? ''}>
                  <td className="td text-sm">
                    {u.project ? <div className="font-medium text-slate-800">{u.project} / {u.service}</div> : null}
                    <div className="text-xs text-slate-500">{u.name}{u.policy !== 'notify' ? ` · ${u.policy}` : ''}</div>
                  </td>
                  <td className="td max-w-[16rem] break-all font-mono text-xs" title={u.image}>{/^sha256:/.test(u.image) ? `${u.image.slice(0, 19)}…` : u.image}</td>
                  <td className="td"><UpdateBadge u={u} />{u.status === 'error' && u.errorDetail ? <div className="mt-1 max-w-[16rem] text-[11px] text-slate-500">{u.errorDetail}</div> : null}</td>
                  <td className="td whitespace-nowrap font-mono text-[11px] text-slate-500">{u.localDigests.map(short).join(', ') || '—'} → {short(u.remoteDigest)}</td>
                  <td className="td whitespace-nowrap text-xs text-slate-500">{u.checkedAt ? since(u.checkedAt) : 'never'}</td>
                  <td className="td text-right">
                    {canApply && u.status === 'update-available' && u.project && u.service && !(job && !job.done) ? (
                      <button className="btn-primary whitespace-nowrap" data-testid="update-service" onClick={() => void apply(u)}>Update</button>
                    ) : null}
                    {jobId ? <JobStatus job={job} /> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {updates.isSuccess && rows.length === 0 ? <p className="p-4 text-sm text-slate-500">Nothing checked yet{canCheck ? ': press “Check now”.' : '.'}</p> : null}
      </div>
      {can(role, 'registries:manage') ? <RegistriesSection /> : null}
    </AppShell>
  );
}

function JobStatus({ job }: { job?: JobView }) {
  const status = job?.done?.status ?? 'running';
  const tone = status === 'succeeded' ? 'text-emerald-700' : status === 'running' ? 'text-slate-600' : 'text-rose-700';
  const last = (job?.output ?? '').trim().split('\n').pop() ?? 'starting…';
  return (
    <div className="mt-1 text-left text-xs" data-testid="update-job" data-status={status}>
      <span className={`font-semibold ${tone}`}>{status}</span>
      <div className="max-w-[18rem] truncate font-mono text-[11px] text-slate-500" title={job?.output}>{last}</div>
    </div>
  );
}
