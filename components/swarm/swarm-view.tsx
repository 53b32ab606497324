'use client';
// The Swarm page: the environment's nodes, and its services grouped by stack (docker stack deploy's
// namespace label). An environment that is not a swarm manager gets an explanation, not an error.
import Link from 'next/link';
import { AppShell } from '../app-shell';
import { since } from '../format';
import { NodeStateBadge, ReplicasBadge, UpdateStatusBadge } from './swarm-badges';
import { useSwarmServicesQuery, useSwarmStatusQuery } from './swarm-queries';
import type { SwarmNode, SwarmService, SwarmStatus } from '@/server/contract';

export function SwarmView() {
  const status = useSwarmStatusQuery();
  const manager = Boolean(status.data?.swarm);
  const services = useSwarmServicesQuery(manager);
  return (
    <AppShell title="Swarm">
      {status.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {status.isError ? <p className="text-sm text-rose-600">Could not read the swarm status: {status.error.message}</p> : null}
      {status.data && !manager ? <NotManager status={status.data} /> : null}
      {manager && status.data ? (
        <div className="space-y-6">
          <Nodes nodes={status.data.nodes} />
          {services.isError ? <p className="text-sm text-rose-600">Could not load services: {services.error.message}</p> : null}
          {services.data && services.data.services.length === 0 ? (
            <div className="card p-6 text-sm text-slate-600">No services yet. Create one with <code>docker service create</code> or deploy a stack with <code>docker stack deploy</code>.</div>
          ) : null}
          {services.data?.stacks.map((s) => <ServiceTable key={s.name} title={s.name} kind="stack" services={s.services} />)}
          {services.data && services.data.standalone.length > 0 ? <ServiceTable title="Services without a stack" kind="standalone" services={services.data.standalone} /> : null}
        </div>
      ) : null}
    </AppShell>
  );
}

/** The server's message without the heading it repeats, as a sentence. */
function reason(message: string | null): string {
  const r = (message ?? '').replace(/^this environment is not a swarm manager:\s*/, '');
  return r ? `${r[0].toUpperCase()}${r.slice(1)}.` : '';
}

function NotManager({ status }: { status: SwarmStatus }) {
  return (
    <div className="card max-w-2xl p-6" data-testid="swarm-empty">
      <h2 className="font-semibold text-slate-800">This environment is not a swarm manager</h2>
      <p className="mt-2 text-sm text-slate-600">{reason(status.message)}</p>
      <p className="mt-3 text-sm text-slate-600">
        Swarm services, tasks, scaling and rolling updates appear here when Slipway talks to a manager node. Engine swarm state: <code>{status.nodeState}</code>.
      </p>
      <pre className="mt-3 whitespace-pre-wrap break-words rounded bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">docker swarm init --advertise-addr &lt;this host&apos;s address&gt;</pre>
    </div>
  );
}

function Nodes({ nodes }: { nodes: SwarmNode[] }) {
  return (
    <section className="card overflow-hidden" data-testid="swarm-nodes">
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-2.5 font-semibold text-slate-800">Nodes <span className="ml-1 text-xs font-normal text-slate-500">{nodes.length}</span></div>
      <div className="overflow-x-auto"><table className="w-full">
        <thead className="border-b border-slate-100">
          <tr><th className="th">Hostname</th><th className="th">Role</th><th className="th">Availability</th><th className="th">State</th><th className="th">Address</th><th className="th">Engine</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {nodes.map((n) => (
            <tr key={n.id} data-testid="node-row" data-hostname={n.hostname}>
              <td className="td font-medium text-slate-800">
                {n.hostname}
                {n.self ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-600">this engine</span> : null}
              </td>
              <td className="td text-sm">{n.role}{n.leader ? <span className="ml-1.5 rounded bg-indigo-50 px-1.5 text-[10px] font-semibold uppercase text-indigo-700">leader</span> : null}</td>
              <td className="td text-sm">{n.availability}</td>
              <td className="td"><NodeStateBadge state={n.state} /></td>
              <td className="td font-mono text-xs text-slate-600">{n.addr ?? '—'}</td>
              <td className="td text-xs text-slate-600">{n.engineVersion ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </section>
  );
}

function portsText(s: SwarmService) {
  if (s.ports.length === 0) return '—';
  return s.ports.map((p) => `${p.publishedPort ?? '?'}→${p.targetPort}/${p.protocol}${p.publishMode === 'host' ? ' (host)' : ''}`).join(', ');
}

function ServiceTable({ title, kind, services }: { title: string; kind: 'stack' | 'standalone'; services: SwarmService[] }) {
  return (
    <section className="card overflow-hidden" data-testid="swarm-stack" data-stack={kind === 'stack' ? title : ''}>
      <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
        <h2 className="font-semibold text-slate-800">{title}</h2>
        {kind === 'stack' ? <span className="rounded bg-slate-200 px-1.5 text-[10px] uppercase text-slate-600">stack</span> : null}
        <span className="ml-auto text-xs text-slate-500">{services.length} {services.length === 1 ? 'service' : 'services'}</span>
      </div>
      <div className="overflow-x-auto"><table className="w-full">
        <thead className="border-b border-slate-100">
          <tr><th className="th">Service</th><th className="th">Mode</th><th className="th">Replicas</th><th className="th">Image</th><th className="th">Ports</th><th className="th">Update</th><th className="th">Changed</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {services.map((s) => (
            <tr key={s.id} data-testid="swarm-service-row" data-name={s.name} className="hover:bg-slate-50/60">
              <td className="td"><Link href={`/swarm/services/${s.id}`} className="font-medium text-indigo-700 hover:underline">{s.name}</Link></td>
              <td className="td text-sm text-slate-600">{s.mode}</td>
              <td className="td"><ReplicasBadge running={s.running} desired={s.desired} /></td>
              <td className="td max-w-[22rem] truncate font-mono text-xs text-slate-600" title={s.image}>{s.image}</td>
              <td className="td font-mono text-xs text-slate-600">{portsText(s)}</td>
              <td className="td"><UpdateStatusBadge status={s.updateStatus} /></td>
              <td className="td whitespace-nowrap text-xs text-slate-500">{since(s.updatedAt)} ago</td>
            </tr>
          ))}
        </tbody>
      </table></div>
    </section>
  );
}
