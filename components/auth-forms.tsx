'use client';
// Sign-in and first-run setup.
import { useState } from 'react';
import { api } from './api';
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

function nextPath() {
  // parsed and held to this origin (server/auth/safe-next.ts): `/%5Cevil.example` is not a path here
  return safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);
}

export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/login', { method: 'POST', json: { username: f.get('username'), password: f.get('password') } });
      location.assign(nextPath());
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <AuthCard title="Sign in" subtitle="Operate your Docker and Compose deployments.">
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm font-medium">Username<input name="username" autoComplete="username" className="input mt-1" required /></label>
        <label className="block text-sm font-medium">Password<input name="password" type="password" autoComplete="current-password" className="input mt-1" required /></label>
        {error ? <p role="alert" className="text-sm text-rose-600">{error}</p> : null}
        <button className="btn-primary w-full" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
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
      await api('/api/setup', { method: 'POST', json: { token: f.get('token'), username: f.get('username'), password: f.get('password') } });
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
