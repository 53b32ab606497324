'use client';
// The signed-in user's own sign-in: password, TOTP (QR code, recovery codes shown once), passkeys.
// `?enrol=1`: the user's role must use a second factor and they have none yet; only this page works.
import { useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { AppShell } from '../app-shell';
import { useAccountSecurityQuery } from './queries';
import { SessionsCard } from './sessions-card';
import { useChangePassword, useRegisterPasskey, useRemovePasskey, useTotpEnable, useTotpRemove, useTotpSetup } from './mutations';
import type { AccountSecurity, TotpSetup } from '@/server/contract';

export function AccountView() {
  const security = useAccountSecurityQuery();
  const asked = useSearchParams().get('enrol') === '1' || security.data?.mustEnrol;
  const enrol = asked && !security.data?.totpEnabled;
  // an admin reset the password: the server answers nothing else until it is changed
  const mustChange = security.data?.mustChangePassword ?? false;
  if (mustChange)
    return (
      <AppShell title="Account & sign-in">
        <p role="status" data-testid="must-change-notice" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          An admin reset your password. Choose your own to continue.
        </p>
        <div className="max-w-lg"><PasswordCard onChanged={() => location.assign('/')} /></div>
      </AppShell>
    );
  return (
    <AppShell title="Account & sign-in">
      {enrol ? (
        <p role="status" data-testid="enrol-notice" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-800">
          Your role must use two-factor authentication. Set up an authenticator app below to continue.
        </p>
      ) : null}
      {security.data ? (
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <TotpCard s={security.data} />
          <PasskeysCard s={security.data} />
          {security.data.source === 'local' ? <PasswordCard /> : null}
          <SessionsCard />
        </div>
      ) : security.isError ? <p className="text-sm text-rose-600">{(security.error as Error).message}</p> : <p className="text-sm text-slate-500">Loading…</p>}
    </AppShell>
  );
}

function TotpCard({ s }: { s: AccountSecurity }) {
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const remove = useTotpRemove();
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const confirm = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code') ?? '').trim();
    enable.mutate(code, {
      onSuccess: (r) => {
        setCodes(r.recoveryCodes);
        setPending(null);
      },
    });
  };
  const error = (setup.error ?? enable.error ?? remove.error) as Error | null;
  return (
    <section className="card p-5" aria-labelledby="totp-title">
      <h2 id="totp-title" className="mb-1 font-semibold">Authenticator app (TOTP)</h2>
      <p className="mb-3 text-sm text-slate-500" data-testid="totp-state">
        {s.totpEnabled ? `On · ${s.recoveryCodesLeft} recovery codes left` : 'Off'}
      </p>
      {codes ? (
        <div className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <p className="mb-2 font-medium text-emerald-800">Two-factor authentication is on. Keep these recovery codes somewhere safe: each works once, and they are shown only now.</p>
          <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-1 font-mono text-xs">{codes.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      ) : null}
      {!s.totpEnabled && !pending ? (
        <button className="btn-primary" onClick={() => setup.mutate(undefined, { onSuccess: setPending })} disabled={setup.isPending}>Set up an authenticator</button>
      ) : null}
      {pending ? (
        <form onSubmit={confirm} className="space-y-3">
          <p className="text-sm">Scan this code with your authenticator app, then enter the 6-digit code it shows.</p>
          <img src={pending.qr} alt="QR code for your authenticator app" className="h-44 w-44 rounded border border-slate-200" />
          <p className="text-xs text-slate-500">Or type this key: <code data-testid="totp-secret" className="break-all font-mono">{pending.secret}</code></p>
          <label className="block text-sm font-medium">Code<input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" className="input mt-1 font-mono" required /></label>
          <button className="btn-primary" disabled={enable.isPending}>Turn on</button>
        </form>
      ) : null}
      {s.totpEnabled ? <button className="btn btn-danger mt-2" onClick={() => remove.mutate()} disabled={remove.isPending}>Remove authenticator</button> : null}
      {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error.message}</p> : null}
    </section>
  );
}

function PasskeysCard({ s }: { s: AccountSecurity }) {
  const add = useRegisterPasskey();
  const remove = useRemovePasskey();
  const [name, setName] = useState('');
  const error = (add.error ?? remove.error) as Error | null;
  return (
    <section className="card p-5" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" className="mb-1 font-semibold">Passkeys</h2>
      <p className="mb-3 text-sm text-slate-500">Sign in with your device's screen lock or a security key instead of a password.</p>
      <ul className="mb-3 divide-y divide-slate-100 text-sm" data-testid="passkey-list">
        {s.passkeys.map((p) => (
          <li key={p.id} className="flex items-center justify-between py-1.5">
            <span>{p.name} <span className="text-xs text-slate-500">added {p.createdAt.slice(0, 10)}{p.lastUsedAt ? `, last used ${p.lastUsedAt.slice(0, 10)}` : ''}</span></span>
            <button className="btn btn-danger" onClick={() => remove.mutate(p.id)}>Remove</button>
          </li>
        ))}
        {s.passkeys.length === 0 ? <li className="py-1.5 text-slate-500">No passkeys yet.</li> : null}
      </ul>
      <form className="flex gap-2" onSubmit={(e) => { e.preventDefault(); add.mutate(name || 'Passkey', { onSuccess: () => setName('') }); }}>
        <input aria-label="Passkey name" placeholder="Name, e.g. Laptop" value={name} onChange={(e) => setName(e.target.value)} className="input" maxLength={64} />
        <button className="btn-primary shrink-0" disabled={add.isPending}>Add a passkey</button>
      </form>
      {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error.message}</p> : null}
    </section>
  );
}

function PasswordCard({ onChanged }: { onChanged?: () => void }) {
  const change = useChangePassword();
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    change.mutate({ current: String(f.get('current')), next: String(f.get('next')) }, { onSuccess: () => { form.reset(); onChanged?.(); } });
  };
  return (
    <section className="card p-5" aria-labelledby="password-title">
      <h2 id="password-title" className="mb-3 font-semibold">Password</h2>
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm font-medium">Current password<input name="current" type="password" autoComplete="current-password" className="input mt-1" required /></label>
        <label className="block text-sm font-medium">New password<input name="next" type="password" autoComplete="new-password" minLength={8} className="input mt-1" required /></label>
        <button className="btn-primary" disabled={change.isPending}>Change password</button>
        {change.isSuccess ? <p role="status" className="text-sm text-emerald-700">Password changed; your other sessions were signed out ({change.data.revokedSessions}).</p> : null}
        {change.error ? <p role="alert" className="text-sm text-rose-600">{(change.error as Error).message}</p> : null}
      </form>
    </section>
  );
}
