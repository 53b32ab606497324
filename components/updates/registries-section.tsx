'use client';
// Registry credentials (admins): host and user name shown, the password never comes back.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';

const key = ['registries'] as const;

export function RegistriesSection() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: key, queryFn: () => api('/api/registries') });
  const [form, setForm] = useState({ registry: '', username: '', password: '' });
  const [error, setError] = useState('');
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      await api('/api/registries', { method: 'POST', json: form });
      setForm({ registry: '', username: '', password: '' });
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="card mt-5 p-4">
      <h2 className="font-semibold text-slate-800">Registry credentials</h2>
      <p className="text-xs text-slate-500">Used for update checks and pulls; stored encrypted. Entries from <code>SLIPWAY_DOCKER_CONFIG</code> are listed too.</p>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {(list.data ?? []).map((c) => (
          <li key={c.registry} className="flex items-center gap-2 py-1.5">
            <span className="font-mono text-xs">{c.registry}</span>
            <span className="text-xs text-slate-500">{c.username} · {c.source === 'admin' ? 'added here' : 'docker config'}</span>
            {c.source === 'admin' ? (
              <button className="btn btn-danger ml-auto" onClick={async () => {
                await api(`/api/registries/${encodeURIComponent(c.registry)}`, { method: 'DELETE' }).catch(() => undefined);
                await qc.invalidateQueries({ queryKey: key });
              }}>Remove</button>
            ) : null}
          </li>
        ))}
      </ul>
      <form className="mt-3 grid gap-2 sm:grid-cols-4" onSubmit={save}>
        <input className="input font-mono" placeholder="registry.example.com" aria-label="Registry" value={form.registry} onChange={(e) => setForm({ ...form, registry: e.target.value })} />
        <input className="input" placeholder="user" aria-label="Registry user" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        <input className="input" type="password" placeholder="password or token" aria-label="Registry password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <button className="btn-primary" disabled={!form.registry || !form.username || !form.password}>Save</button>
      </form>
      {error ? <p className="mt-2 text-sm text-rose-600">{error}</p> : null}
    </section>
  );
}
