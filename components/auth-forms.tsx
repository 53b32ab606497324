'use client';
// Sign-in and first-run setup.
import { useEffect, useState } from 'react';
import { api, ApiError } from './api';
import type { LoginResult, SignInOptions } from '@/server/contract';
import { signInWithPasskey } from './account/passkey-browser';
import { safeNextPath } from '@/server/auth/safe-next';
import { FirstRunLink } from './first-run-link';

function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-full items-center justify-center bg-slate-900 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
          <span className="inline-block h-6 w-6 rounded bg-gradient-to-br from-indigo-400 to-sky-400" aria-hidden />
          Slipway
        </div>
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mb-5 mt-1 text-sm text-slate-500">{subtitle}</p>
        {children}
      </div>
    </div>
  );
}

/** a text field of the submitted form ('' when absent) */
const field = (f: FormData, name: string) => String(f.get(name) ?? '');

function nextPath() {
  // parsed and held to this origin (server/auth/safe-next.ts): `/%5Cevil.example` is not a path here
  return safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);
}

/** Password (then a TOTP code when the account has one), a passkey, or single sign-on, as the server offers. */
export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // after a right password for an account with TOTP: the same form asks for the code
  const [needCode, setNeedCode] = useState(false);
  const [options, setOptions] = useState<SignInOptions | null>(null);
  useEffect(() => {
    const reason = new URLSearchParams(location.search).get('error');
    if (reason) setError(reason);
    api('/api/auth/options').then(setOptions, () => setOptions({ localLogin: true, oidc: false, passkeys: true }));
  }, []);
  const signedIn = (r: LoginResult) => location.assign(r.mustChangePassword ? '/account?password=1' : r.mustEnrol ? '/account?enrol=1' : nextPath());
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const code = needCode ? String(f.get('code') ?? '').trim() : undefined;
      signedIn(await api('/api/auth/login', { method: 'POST', json: { username: field(f, 'username'), password: field(f, 'password'), ...(code ? { code } : {}) } }));
    } catch (err) {
      if (err instanceof ApiError && err.needs === 'totp') {
        // the first ask is no failure: the code field appears; a wrong code says so
        if (needCode) setError(err.message);
        setNeedCode(true);
      } else setError((err as Error).message);
      setBusy(false);
    }
  };
  const passkey = async () => {
    setError(null);
    try {
      signedIn(await signInWithPasskey());
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const local = options?.localLogin ?? true;
  return (
    <AuthCard title="Sign in" subtitle="Operate your Docker and Compose deployments.">
      {error ? <p role="alert" className="mb-3 text-sm text-rose-600">{error}</p> : null}
      {options?.oidc ? (
        <a className="btn-primary mb-3 w-full" href={`/api/auth/oidc/start?next=${encodeURIComponent(nextPath())}`}>Sign in with single sign-on</a>
      ) : null}
      <details open={local} className="group">
        {!local ? <summary className="cursor-pointer text-xs text-slate-500">Emergency administrator sign-in</summary> : null}
        <form onSubmit={submit} className="mt-2 space-y-3">
          <label className="block text-sm font-medium">Username<input name="username" autoComplete="username webauthn" className="input mt-1" required readOnly={needCode} /></label>
          <label className={needCode ? 'hidden' : 'block text-sm font-medium'}>Password<input name="password" type="password" autoComplete="current-password" className="input mt-1" required readOnly={needCode} /></label>
          {needCode ? (
            <label className="block text-sm font-medium">Authentication code
              <input name="code" inputMode="numeric" autoComplete="one-time-code" placeholder="6-digit code or a recovery code" className="input mt-1 font-mono" required autoFocus />
            </label>
          ) : null}
          <button className="btn-primary w-full" disabled={busy}>{busy ? 'Signing in…' : needCode ? 'Verify' : 'Sign in'}</button>
        </form>
      </details>
      {options?.passkeys ? (
        <button type="button" className="btn mt-3 w-full justify-center py-1.5" onClick={() => void passkey()}>Use a passkey</button>
      ) : null}
      <FirstRunLink />
    </AuthCard>
  );
}

export function SetupForm() {
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      await api('/api/setup', { method: 'POST', json: { token: field(f, 'token'), username: field(f, 'username'), password: field(f, 'password') } });
      location.assign('/');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <AuthCard title="Create the first admin" subtitle="Paste the one-time setup token printed in Slipway's server log.">
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm font-medium">Setup token<input name="token" className="input mt-1 font-mono" required /></label>
        <label className="block text-sm font-medium">Username<input name="username" defaultValue="admin" className="input mt-1" required /></label>
        <label className="block text-sm font-medium">Password<input name="password" type="password" minLength={8} autoComplete="new-password" className="input mt-1" required /></label>
        {error ? <p role="alert" className="text-sm text-rose-600">{error}</p> : null}
        <button className="btn-primary w-full">Create admin</button>
      </form>
    </AuthCard>
  );
}
