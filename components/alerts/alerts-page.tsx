'use client';
// Alerts: what is open and what resolved lately, the rules (admins write them, everyone reads them),
// quiet hours, and every delivery of an alert with its result.
import { DeliveryItem } from '@/components/notifications/delivery-item';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { can } from '@/server/auth/permissions';
import { ALERT_KIND_LABELS, type AlertRule, type QuietHours } from '@/server/contract';
import { alertKeys, useAlertDeliveriesQuery, useAlertRulesQuery, useAlertsQuery, useDestinationChoicesQuery, useQuietHoursQuery } from './queries';
import { createRule, deleteRule, saveQuietHours, updateRule, type RuleBody } from './mutations';
import { useAlertsLive } from './live';
import { RuleForm } from './rule-form';

const tone = { delivered: 'text-emerald-700', pending: 'text-amber-700', failed: 'text-rose-700', open: 'text-rose-700', resolved: 'text-emerald-700' } as const;
const scope = (r: Pick<AlertRule, 'env' | 'project' | 'service'>) => [r.env ?? '*', r.project ?? '*', r.service ?? '*'].join(' / ');

export function AlertsPage() {
  useAlertsLive();
  const me = useMeQuery();
  const admin = !!me.data && can(me.data.role, 'alerts:manage');
  const rules = useAlertRulesQuery();
  const alerts = useAlertsQuery();
  const deliveries = useAlertDeliveriesQuery();
  const dests = useDestinationChoicesQuery(admin);
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  const refresh = () => { setError(null); void qc.invalidateQueries({ queryKey: alertKeys.all }); };
  const create = useMutation({ mutationFn: createRule, onSuccess: () => { refresh(); setFormKey((k) => k + 1); }, onError: (e: Error) => setError(e.message) });
  const update = useMutation({ mutationFn: ({ id, b }: { id: number; b: RuleBody }) => updateRule(id, b), onSuccess: () => { refresh(); setEditing(null); }, onError: (e: Error) => setError(e.message) });
  const remove = useMutation({ mutationFn: deleteRule, onSuccess: refresh, onError: (e: Error) => setError(e.message) });

  return (
    <AppShell title="Alerts">
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-5">
        <section className="card p-5 lg:col-span-3">
          <h2 className="mb-3 font-semibold">Open and recent alerts</h2>
          <ul className="divide-y divide-slate-100" data-testid="alerts">
            {(alerts.data ?? []).map((a) => (
              <li key={a.id} className="py-2 text-sm" data-testid="alert-row">
                <div className="flex items-center gap-2">
                  <span className={`text-xs font-semibold ${tone[a.status]}`}>{a.status}</span>
                  <span className="font-medium">{a.ruleName}</span>
                  <span className="font-mono text-xs text-slate-500">{a.key}</span>
                </div>
                <div className="text-xs text-slate-500">
                  {a.summary} · {a.severity} · seen {a.count}× · since {new Date(a.firstAt).toLocaleString()}
                  {a.resolvedAt ? ` · resolved ${new Date(a.resolvedAt).toLocaleString()}` : ''}
                </div>
              </li>
            ))}
          </ul>
          {alerts.data?.length === 0 ? <p className="text-sm text-slate-500">No alerts.</p> : null}
        </section>
        <section className="card p-5 lg:col-span-2">
          <h2 className="mb-3 font-semibold">Deliveries</h2>
          <ul className="divide-y divide-slate-100" data-testid="alert-deliveries">
            {(deliveries.data ?? []).map((d) => (
              <DeliveryItem key={d.id} d={d} to={`${d.destinationName} (${d.destinationKind})`} testId="alert-delivery" />
            ))}
          </ul>
          {deliveries.data?.length === 0 ? <p className="text-sm text-slate-500">Nothing sent yet.</p> : null}
        </section>
        <section className="card p-5 lg:col-span-5">
          <h2 className="mb-1 font-semibold">Rules</h2>
          <p className="mb-3 text-xs text-slate-500">One open alert per rule and service (or backup target); repeats within the group window update it without sending again; a resolved message follows when the condition clears.</p>
          <div className="overflow-x-auto"><table className="w-full">
            <thead><tr><th className="th">Name</th><th className="th">Kind</th><th className="th">Scope (env / project / service)</th><th className="th">Severity</th><th className="th">State</th><th className="th" /></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {(rules.data ?? []).map((r) => (
                <tr key={r.id} data-testid="rule-row">
                  {editing === r.id ? (
                    <td className="td" colSpan={6}>
                      <RuleForm rule={r} destinations={dests.data ?? []} busy={update.isPending} onSubmit={(b) => update.mutate({ id: r.id, b })} onCancel={() => setEditing(null)} />
                    </td>
                  ) : (
                    <>
                      <td className="td font-medium">{r.name}</td>
                      <td className="td text-xs">{ALERT_KIND_LABELS[r.kind]}{r.kind === 'unhealthy' ? ` (${r.minutes} min)` : ''}{r.kind === 'log_pattern' ? ` /${r.pattern}/ > ${r.perMinute}/min` : ''}</td>
                      <td className="td font-mono text-xs">{scope(r)}</td>
                      <td className="td text-xs">{r.severity}</td>
                      <td className="td text-xs">{r.enabled ? 'enabled' : 'disabled'}</td>
                      <td className="td whitespace-nowrap text-right">
                        {admin ? (
                          <>
                            <button className="btn mr-1.5" onClick={() => setEditing(r.id)}>Edit</button>
                            <button className="btn btn-danger" onClick={() => remove.mutate(r.id)}>Delete</button>
                          </>
                        ) : null}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table></div>
          {rules.data?.length === 0 ? <p className="py-2 text-sm text-slate-500">No rules yet.</p> : null}
          {admin ? (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 text-sm font-semibold">New rule</h3>
              <RuleForm key={formKey} destinations={dests.data ?? []} busy={create.isPending} onSubmit={(b) => create.mutate(b)} />
            </div>
          ) : <p className="mt-3 text-xs text-slate-500">Only admins change rules.</p>}
          {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error}</p> : null}
        </section>
        <QuietHoursCard admin={admin} />
      </div>
    </AppShell>
  );
}

function QuietHoursCard({ admin }: { admin: boolean }) {
  const q = useQuietHoursQuery();
  const qc = useQueryClient();
  const [msg, setMsg] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: saveQuietHours,
    onSuccess: () => { setMsg('Saved.'); void qc.invalidateQueries({ queryKey: alertKeys.quiet }); },
    onError: (e: Error) => setMsg(e.message),
  });
  if (!q.data) return null;
  return (
    <section className="card p-5 lg:col-span-5">
      <h2 className="mb-1 font-semibold">Quiet hours</h2>
      <p className="mb-3 text-xs text-slate-500">A daily window in a fixed UTC offset. During it only critical alerts are sent; warnings are still opened and listed here.</p>
      <form
        key={JSON.stringify(q.data)}
        className="flex flex-wrap items-end gap-3 text-xs text-slate-600"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const body: QuietHours = { enabled: f.get('enabled') === 'on', start: String(f.get('start')), end: String(f.get('end')), utcOffsetMinutes: Number(f.get('offset')) };
          save.mutate(body);
        }}
      >
        <label className="flex items-center gap-1"><input type="checkbox" name="enabled" defaultChecked={q.data.enabled} disabled={!admin} /> enabled</label>
        <label>From<input name="start" type="time" className="input" defaultValue={q.data.start} disabled={!admin} aria-label="Quiet from" /></label>
        <label>To<input name="end" type="time" className="input" defaultValue={q.data.end} disabled={!admin} aria-label="Quiet to" /></label>
        <label>UTC offset (min)<input name="offset" type="number" min={-720} max={840} className="input w-24" defaultValue={q.data.utcOffsetMinutes} disabled={!admin} aria-label="UTC offset minutes" /></label>
        {admin ? <button className="btn-primary">Save</button> : null}
        {msg ? <span role="status">{msg}</span> : null}
      </form>
    </section>
  );
}
