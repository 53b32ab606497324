'use client';
// The form an admin writes an alert rule with (create, or edit when `rule` is given). The server's schema
// (alertRuleBody) decides; its message, e.g. an unsafe regex, is shown as is.
import { useState } from 'react';
import type { RuleBody } from './mutations';
import { ALERT_KINDS, ALERT_KIND_LABELS, ALERT_SEVERITIES, type AlertKind, type AlertRule, type NotificationDestination } from '@/server/contract';


const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
const num = (f: FormData, k: string) => (text(f, k) === '' ? undefined : Number(text(f, k)));

export function RuleForm({ rule, destinations, busy, onSubmit, onCancel }: {
  rule?: AlertRule;
  destinations: NotificationDestination[];
  busy: boolean;
  onSubmit: (draft: RuleBody) => void;
  onCancel?: () => void;
}) {
  const [kind, setKind] = useState<AlertKind>(rule?.kind ?? 'exit_nonzero');
  return (
    <form
      className="grid grid-cols-1 gap-2 sm:grid-cols-2 md:grid-cols-4 [&_.input]:min-w-0 [&_.input]:w-full"
      aria-label={rule ? `Edit rule ${rule.name}` : 'New alert rule'}
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        onSubmit({
          name: text(f, 'name'), kind, severity: text(f, 'severity') as AlertRule['severity'], enabled: f.get('enabled') === 'on',
          env: text(f, 'env') || null, project: text(f, 'project') || null, service: text(f, 'service') || null,
          minutes: kind === 'unhealthy' ? num(f, 'minutes') : undefined,
          pattern: kind === 'log_pattern' ? String(f.get('pattern') ?? '') : undefined,
          perMinute: kind === 'log_pattern' ? num(f, 'perMinute') : undefined,
          groupWindowMinutes: num(f, 'groupWindowMinutes') ?? 60,
          destinations: f.getAll('destinations').map(Number),
        });
      }}
    >
      <label className="text-xs text-slate-600">Name<input name="name" className="input w-full" required defaultValue={rule?.name} aria-label="Rule name" /></label>
      <label className="text-xs text-slate-600">Kind
        <select name="kind" className="input w-full" value={kind} onChange={(e) => setKind(e.target.value as AlertKind)} aria-label="Rule kind">
          {ALERT_KINDS.map((k) => <option key={k} value={k}>{ALERT_KIND_LABELS[k]}</option>)}
        </select>
      </label>
      <label className="text-xs text-slate-600">Severity
        <select name="severity" className="input w-full" defaultValue={rule?.severity ?? 'warning'} aria-label="Severity">
          {ALERT_SEVERITIES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <label className="text-xs text-slate-600">Group window (min)<input name="groupWindowMinutes" type="number" min={1} max={1440} className="input w-full" defaultValue={rule?.groupWindowMinutes ?? 60} aria-label="Group window minutes" /></label>
      <label className="text-xs text-slate-600">Environment<input name="env" className="input w-full" placeholder="any" defaultValue={rule?.env ?? ''} aria-label="Scope environment" /></label>
      <label className="text-xs text-slate-600">Project<input name="project" className="input w-full" placeholder="any" defaultValue={rule?.project ?? ''} aria-label="Scope project" /></label>
      <label className="text-xs text-slate-600">Service<input name="service" className="input w-full" placeholder="any" defaultValue={rule?.service ?? ''} aria-label="Scope service" /></label>
      <label className="flex items-end gap-1 text-xs text-slate-600"><input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} /> enabled</label>
      {kind === 'unhealthy' ? (
        <label className="text-xs text-slate-600">Minutes unhealthy<input name="minutes" type="number" min={1} max={1440} required className="input w-full" defaultValue={rule?.minutes ?? 5} aria-label="Minutes unhealthy" /></label>
      ) : null}
      {kind === 'log_pattern' ? (
        <>
          <label className="col-span-2 text-xs text-slate-600">Pattern (regex)<input name="pattern" required className="input w-full font-mono" defaultValue={rule?.pattern ?? ''} aria-label="Log pattern" /></label>
          <label className="text-xs text-slate-600">Above lines / minute<input name="perMinute" type="number" min={1} required className="input w-full" defaultValue={rule?.perMinute ?? 10} aria-label="Lines per minute" /></label>
        </>
      ) : null}
      <fieldset className="col-span-full flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <legend className="mb-1 text-xs font-medium text-slate-500">Send to (none ticked: every destination subscribed to alert events)</legend>
        {destinations.map((d) => (
          <label key={d.id} className="flex items-center gap-1"><input type="checkbox" name="destinations" value={d.id} defaultChecked={rule?.destinations.includes(d.id)} /> {d.name} ({d.kind})</label>
        ))}
      </fieldset>
      <div className="col-span-full flex gap-2">
        <button className="btn-primary" disabled={busy}>{rule ? 'Save rule' : 'Add rule'}</button>
        {onCancel ? <button type="button" className="btn" onClick={onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}
