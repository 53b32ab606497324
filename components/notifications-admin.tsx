'use client';
// Admins configure destinations (generic JSON, Slack-compatible, ntfy, Discord, Gotify webhooks; e-mail over SMTP), test them, and see deliveries.
import { DeliveryItem } from '@/components/notifications/delivery-item';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppShell } from './app-shell';
import { api } from './api';
import { useMeQuery } from './queries';
import { createDestinationBody, DESTINATION_KINDS, NOTIFICATION_EVENTS, SMTP_SECURITY, type DestinationKind } from '@/server/contract';
import { checkedBody } from './form-check';
import { can } from '@/server/auth/permissions';

const keys = { destinations: ['notifications', 'destinations'] as const, deliveries: ['notifications', 'deliveries'] as const };
export const useDestinationsQuery = () => useQuery({ queryKey: keys.destinations, queryFn: () => api('/api/notifications/destinations') });
export const useDeliveriesQuery = () => useQuery({ queryKey: keys.deliveries, queryFn: () => api('/api/notifications/deliveries?limit=50') });


export function NotificationsAdmin() {
  const me = useMeQuery();
  const dests = useDestinationsQuery();
  const deliveries = useDeliveriesQuery();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<DestinationKind>('json');
  const refresh = () => { setError(null); void qc.invalidateQueries({ queryKey: ['notifications'] }); };
  // the form's body is checked with the route's own schema (URL, SMTP settings, events) before it is sent
  const create = useMutation({ mutationFn: (b: unknown) => api('/api/notifications/destinations', { method: 'POST', json: checkedBody(createDestinationBody, b) }), onSuccess: refresh, onError: (e: Error) => setError(e.message) });
  const remove = useMutation({ mutationFn: (id: number) => api(`/api/notifications/destinations/${id}`, { method: 'DELETE' }), onSuccess: refresh });
  const test = useMutation({ mutationFn: (id: number) => api(`/api/notifications/destinations/${id}/test`, { method: 'POST' }), onSettled: refresh });
  if (me.data && !can(me.data.role, 'users:manage')) return <AppShell title="Notifications"><p className="text-sm text-slate-600">Only admins configure notifications.</p></AppShell>;
  const name = (id: number) => dests.data?.find((d) => d.id === id)?.name ?? `#${id}`;
  return (
    <AppShell title="Notifications">
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-5">
        <section className="card min-w-0 p-5 lg:col-span-3">
          <h2 className="mb-1 font-semibold">Destinations</h2>
          <p className="mb-3 text-xs text-slate-500">Called only from the server, with a 5 s timeout, never following redirects; failed deliveries are retried with backoff.</p>
          <div className="overflow-x-auto"><table className="w-full">
            <thead><tr><th className="th">Name</th><th className="th">Kind</th><th className="th">URL</th><th className="th">Events</th><th className="th" /></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {(dests.data ?? []).map((d) => (
                <tr key={d.id} data-testid="destination-row">
                  <td className="td font-medium">{d.name}</td>
                  <td className="td text-xs">{d.kind}{d.email ? ` → ${d.email.to.join(', ')}${d.email.hasPassword ? ' (password set)' : ''}` : ''}</td>
                  <td className="td max-w-[16rem] truncate font-mono text-xs" title={d.url}>{d.url}</td>
                  <td className="td text-xs text-slate-600">{d.events[0] === '*' ? 'all events' : d.events.join(', ')}</td>
                  <td className="td whitespace-nowrap text-right">
                    <button className="btn mr-1.5" disabled={test.isPending} onClick={() => test.mutate(d.id)}>Send test</button>
                    <button className="btn btn-danger" onClick={() => remove.mutate(d.id)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
          {dests.data?.length === 0 ? <p className="py-2 text-sm text-slate-500">No destinations yet.</p> : null}
          <form
            className="mt-4 grid grid-cols-1 gap-2 sm:grid-cols-[1fr_7rem_2fr_auto] [&_.input]:min-w-0"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const events = f.getAll('events').map(String);
              const form = e.currentTarget;
              const s = (k: string) => String(f.get(k) ?? '').trim();
              const email = kind === 'email'
                ? { host: s('host'), port: Number(s('port')), security: s('security'), from: s('from'), to: s('to').split(',').map((x) => x.trim()).filter(Boolean), user: s('user') || undefined, password: s('password') || undefined }
                : undefined;
              create.mutate({ name: s('name'), kind, ...(email ? { email } : { url: s('url') }), events: events.length ? events : ['*'] }, { onSuccess: () => form.reset() });
            }}
          >
            <input name="name" className="input" placeholder="name" required aria-label="Destination name" />
            <select name="kind" className="input" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as DestinationKind)}>{DESTINATION_KINDS.map((k) => <option key={k}>{k}</option>)}</select>
            {kind === 'email' ? <span className="self-center text-xs text-slate-500">SMTP settings below</span> : <input name="url" className="input" placeholder={kind === 'gotify' ? 'https://gotify.example.com/message?token=…' : 'https://hooks.example.com/…'} required aria-label="Webhook URL" />}
            <button className="btn-primary">Add</button>
            {kind === 'email' ? (
              <div className="col-span-full grid grid-cols-1 gap-2 sm:grid-cols-4" data-testid="smtp-settings">
                <input name="host" className="input" placeholder="SMTP host" required aria-label="SMTP host" />
                <input name="port" type="number" min={1} max={65535} className="input" placeholder="port" defaultValue={587} required aria-label="SMTP port" />
                <select name="security" className="input" aria-label="SMTP security" defaultValue="starttls">{SMTP_SECURITY.map((x) => <option key={x}>{x}</option>)}</select>
                <input name="from" type="email" className="input" placeholder="from@example.com" required aria-label="From address" />
                <input name="to" className="input sm:col-span-2" placeholder="to@example.com, other@example.com" required aria-label="To addresses" />
                <input name="user" className="input" placeholder="user (optional)" aria-label="SMTP user" autoComplete="off" />
                <input name="password" type="password" className="input" placeholder="password (never shown back)" aria-label="SMTP password" autoComplete="new-password" />
              </div>
            ) : null}
            <fieldset className="col-span-full flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              <legend className="mb-1 text-xs font-medium text-slate-500">Events (none ticked: all)</legend>
              {NOTIFICATION_EVENTS.filter((e) => e !== 'test').map((e) => (
                <label key={e} className="flex items-center gap-1"><input type="checkbox" name="events" value={e} /> {e}</label>
              ))}
            </fieldset>
          </form>
          {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error}</p> : null}
        </section>
        <section className="card min-w-0 p-5 lg:col-span-2">
          <h2 className="mb-3 font-semibold">Recent deliveries</h2>
          <ul className="divide-y divide-slate-100" data-testid="deliveries">
            {(deliveries.data ?? []).map((d) => (
              <DeliveryItem key={d.id} d={d} to={name(d.destinationId)} />
            ))}
          </ul>
          {deliveries.data?.length === 0 ? <p className="text-sm text-slate-500">Nothing sent yet.</p> : null}
        </section>
      </div>
    </AppShell>
  );
}
