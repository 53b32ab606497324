'use client';
// Admins: which roles must use a second factor, and a reset for a user locked out of theirs.
import { useState } from 'react';
import { SECOND_FACTOR_ROLES, type SignInSettings } from '@/server/contract';
import { useSignInSettingsQuery } from './queries';
import { useResetSecondFactor, useSaveSignInSettings } from './mutations';

export function SignInSettingsCard({ users }: { users: string[] }) {
  const settings = useSignInSettingsQuery(true);
  const save = useSaveSignInSettings();
  const reset = useResetSecondFactor();
  const [who, setWho] = useState('');
  const toggle = (role: SignInSettings['require2fa'][number], on: boolean) => {
    const now = settings.data?.require2fa ?? [];
    save.mutate({ require2fa: on ? [...now, role] : now.filter((r) => r !== role) });
  };
  const error = (save.error ?? reset.error) as Error | null;
  return (
    <section className="card p-5" aria-labelledby="sign-in-settings-title">
      <h2 id="sign-in-settings-title" className="mb-1 font-semibold">Sign-in rules</h2>
      <p className="mb-3 text-sm text-slate-500">Roles that must use two-factor authentication: a password sign-in without it leads to setting it up first.</p>
      <div className="flex gap-4">
        {SECOND_FACTOR_ROLES.map((role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={settings.data?.require2fa.includes(role) ?? false} disabled={!settings.data || save.isPending}
              onChange={(e) => toggle(role, e.target.checked)} />
            Require 2FA for {role}s
          </label>
        ))}
      </div>
      <form className="mt-4 flex gap-2" onSubmit={(e) => { e.preventDefault(); if (who) reset.mutate(who); }}>
        <select aria-label="User to reset" className="input" value={who} onChange={(e) => setWho(e.target.value)}>
          <option value="">Reset a user's 2FA and passkeys…</option>
          {users.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
        <button className="btn btn-danger shrink-0" disabled={!who || reset.isPending}>Reset</button>
      </form>
      {reset.isSuccess ? <p role="status" className="mt-2 text-sm text-emerald-700">Second factors of {reset.variables} removed.</p> : null}
      {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error.message}</p> : null}
    </section>
  );
}
