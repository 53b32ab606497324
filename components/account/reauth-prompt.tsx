'use client';
// "Confirm it is you": shown while a sensitive action waits for a re-authentication (reauth-store.ts).
// Password, a TOTP or recovery code, a passkey, or (single sign-on users) signing in again.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiBody } from '@/server/contract';
import { api } from '../api';
import { reauthPending, settleReauth, subscribeReauth } from './reauth-store';
import { passkeyAssertion } from './passkey-browser';

export function ReauthPrompt() {
  const open = useSyncExternalStore(subscribeReauth, reauthPending, () => false);
  if (!open) return null;
  return <ReauthDialog />;
}

function ReauthDialog() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState(false);
  useEffect(() => {
    api('/api/auth/options').then((o) => setOidc(o.oidc), () => undefined);
  }, []);
  const prove = async (body: ApiBody<'POST /api/auth/reauth'>) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/reauth', { method: 'POST', json: body });
      settleReauth(true);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const secret = String(f.get('secret') ?? '').trim();
    // six digits or a recovery code (xxxxx-xxxxx) is a code; anything else is the password
    void prove(/^\d{6}$/.test(secret) || /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(secret) ? { code: secret } : { password: secret });
  };
  const passkey = async () => {
    try {
      await prove(await passkeyAssertion());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const sso = `/api/auth/oidc/start?next=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/60 px-4" role="dialog" aria-modal="true" aria-labelledby="reauth-title">
      <form onSubmit={submit} className="w-full max-w-sm space-y-3 rounded-xl bg-white p-6 shadow-xl">
        <h2 id="reauth-title" className="text-lg font-semibold">Confirm it is you</h2>
        <p className="text-sm text-slate-500">This action needs a fresh check: your password, a code from your authenticator, or a passkey.</p>
        <label className="block text-sm font-medium">Password or code
          <input name="secret" type="password" autoComplete="current-password" className="input mt-1" autoFocus required />
        </label>
        {error ? <p role="alert" className="text-sm text-rose-600">{error}</p> : null}
        <div className="flex flex-wrap gap-2">
          <button className="btn-primary" disabled={busy}>Confirm</button>
          <button type="button" className="btn" onClick={() => void passkey()} disabled={busy}>Use a passkey</button>
          {oidc ? <a className="btn" href={sso}>Sign in again</a> : null}
          <button type="button" className="btn ml-auto" onClick={() => settleReauth(false)}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
