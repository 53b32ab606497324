'use client';
// One swarm service: what it runs, its tasks, and for operators scale, rolling update and rollback,
// with the rollout's progress pushed live and the service's logs below.
import Link from 'next/link';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { since } from '../format';
import { can } from '@/server/auth/permissions';
import { ReplicasBadge, UpdateStatusBadge } from './swarm-badges';
import { useServiceProgress, useSwarmServiceQuery } from './swarm-queries';
import { TaskTable } from './task-table';
import { ScaleControl } from './scale-control';
import { RollbackButton, UpdateForm } from './update-form';
import { RunProgress } from './run-progress';
import { ServiceLogs } from './service-logs';
import type { SwarmServiceDetail, SwarmUpdateConfig } from '@/server/contract';

export function ServiceView({ id }: { id: string }) {
  const q = useSwarmServiceQuery(id);
  const me = useMeQuery();
  const s = q.data;
  const run = useServiceProgress(id, s?.id);
  const operator = me.data ? can(me.data.role, 'swarm:operate') : false;
  const rollingOut = Boolean((run && run.phase === 'running') || (s?.updateStatus && ['updating', 'rollback_started'].includes(s.updateStatus.state)));
  return (
    <AppShell title={s ? s.name : 'Swarm service'}>
      <Link href="/swarm" className="text-sm text-indigo-700 hover:underline">← Swarm</Link>
      {q.isLoading ? <p className="mt-4 text-sm text-slate-500">Loading…</p> : null}
      {q.isError ? <p className="mt-4 text-sm text-rose-600" role="alert">{q.error.message}</p> : null}
      {s ? (
        <div className="mt-4 space-y-5">
          <div className="grid grid-cols-3 gap-5">
            <Summary s={s} />
            <section className="card space-y-4 p-5" data-testid="service-actions">
              <h2 className="text-sm font-semibold text-slate-700">Change</h2>
              {operator ? (
                <>
                  <ScaleControl key={`${s.id}-${s.replicas}`} service={s} />
                  <hr className="border-slate-100" />
                  <UpdateForm service={s} busy={rollingOut} />
                  <hr className="border-slate-100" />
                  <RollbackButton service={s} busy={rollingOut} />
                </>
              ) : (
                <p className="text-sm text-slate-500">Operators and admins can scale, update and roll back this service.</p>
              )}
            </section>
          </div>
          {run ? <RunProgress ev={run} /> : null}
          <TaskTable service={s} />
          <ServiceLogs serviceId={s.id} />
        </div>
      ) : null}
    </AppShell>
  );
}

function configText(c: SwarmUpdateConfig | null) {
  if (!c) return 'Docker defaults (stop-first, parallelism 1, pause on failure)';
  return `${c.order}, ${c.parallelism === 0 ? 'all at once' : `${c.parallelism} at a time`}, delay ${c.delaySeconds} s, monitor ${c.monitorSeconds} s, on failure ${c.failureAction}`;
}

function Summary({ s }: { s: SwarmServiceDetail }) {
  return (
    <section className="card col-span-2 p-5" data-testid="service-summary">
      <dl className="grid grid-cols-[9rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500">Replicas</dt>
        <dd className="flex items-center gap-2"><ReplicasBadge running={s.running} desired={s.desired} /><span className="text-slate-500">{s.mode}{s.mode === 'replicated' ? `, ${s.replicas} wanted` : ', one per node'}</span></dd>
        <dt className="text-slate-500">Image</dt><dd className="font-mono text-xs" data-testid="service-image">{s.image}</dd>
        <dt className="text-slate-500">Update status</dt>
        <dd className="flex items-center gap-2"><UpdateStatusBadge status={s.updateStatus} />{s.updateStatus ? <span className="text-xs text-slate-500">{s.updateStatus.message}</span> : null}</dd>
        <dt className="text-slate-500">Update config</dt><dd className="text-xs text-slate-700">{configText(s.updateConfig)}</dd>
        <dt className="text-slate-500">Previous image</dt><dd className="font-mono text-xs">{s.previousImage ?? '—'}</dd>
        <dt className="text-slate-500">Stack</dt><dd>{s.stack ?? 'none'}</dd>
        <dt className="text-slate-500">Ports</dt>
        <dd className="font-mono text-xs">{s.ports.length ? s.ports.map((p) => `${p.publishedPort ?? '?'}→${p.targetPort}/${p.protocol} (${p.publishMode})`).join(', ') : 'none published (host network or internal)'}</dd>
        <dt className="text-slate-500">ID</dt><dd className="font-mono text-xs">{s.id}</dd>
        <dt className="text-slate-500">Changed</dt><dd className="text-xs">{new Date(s.updatedAt).toLocaleString()} ({since(s.updatedAt)} ago), version {s.version}</dd>
      </dl>
    </section>
  );
}
