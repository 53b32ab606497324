'use client';
// Admins manage users and API tokens here; every change is audited server-side.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppShell } from './app-shell';
import { api } from './api';
import { queryKeys, useMeQuery, useTokensQuery, useUsersQuery } from './queries';
import { ROLES, type Role } from '@/server/contract';
import { can } from '@/server/auth/permissions';
import { SignInSettingsCard } from './account/sign-in-settings-card';

export function UsersAdmin() {
  const me = useMeQuery();
  const users = useUsersQuery();
  if (me.data && !can(me.data.role, 'users:manage'))
    return <AppShell title="Users & tokens"><p className="text-sm text-slate-600">Only admins manage users and tokens.</p></AppShell>;
  return (
    <AppShell title="Users & tokens">
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <UsersCard self={me.data?.username} />
        <TokensCard />
        <SignInSettingsCard users={(users.data ?? []).map((u) => u.username)} />
      </div>
    </AppShell>
  );
}

function UsersCard({ self }: { self?: string }) {
  const users = useUsersQuery();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const done = () => { setError(null); void qc.invalidateQueries({ queryKey: queryKeys.users }); };
  const fail = (e: Error) => setError(e.message);
  const create = useMutation({ mutationFn: (b: { username: string; password: string; role: Role }) => api('/api/users', { method: 'POST', json: b }), onSuccess: done, onError: fail });
  const setRole = useMutation({ mutationFn: (b: { username: string; role: Role }) => api(`/api/users/${b.username}`, { method: 'PATCH', json: { role: b.role } }), onSuccess: done, onError: fail });
  const remove = useMutation({ mutationFn: (u: string) => api(`/api/users/${u}`, { method: 'DELETE' }), onSuccess: done, onError: fail });
  return (
    <section className="card p-5">
      <h2 className="mb-3 font-semibold">Users</h2>
      <div className="overflow-x-auto"><table className="w-full">
        <thead><tr><th className="th">User</th><th className="th">Role</th><th className="th" /></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {(users.data ?? []).map((u) => (
            <tr key={u.username} data-testid="user-row" data-username={u.username}>
              <td className="td font-medium">{u.username}{u.username === self ? <span className="ml-1 text-xs text-slate-400">(you)</span> : null}</td>
              <td className="td">
                <select className="input w-32 py-1" value={u.role} onChange={(e) => setRole.mutate({ username: u.username, role: e.target.value as Role })} aria-label={`Role of ${u.username}`}>
                  {ROLES.map((r) => <option key={r}>{r}</option>)}
                </select>
              </td>
              <td className="td text-right">
                {u.username !== self ? <button className="btn btn-danger" onClick={() => confirm(`Delete user ${u.username}?`) && remove.mutate(u.username)}>Delete</button> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      <form
        className="mt-4 grid grid-cols-1 gap-2 sm:grid-cols-[1fr_1fr_7rem_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({ username: String(f.get('username')), password: String(f.get('password')), role: f.get('role') as Role });
          e.currentTarget.reset();
        }}
      >
        <input name="username" className="input" placeholder="username" required aria-label="New username" />
        <input name="password" type="password" className="input" placeholder="password (8+)" minLength={8} required aria-label="New password" />
        <select name="role" className="input" defaultValue="viewer" aria-label="New role">{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        <button className="btn-primary">Add user</button>
      </form>
      {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error}</p> : null}
    </section>
  );
}

function TokensCard() {
  const tokens = useTokensQuery();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (b: { name: string; role: Role }) => api<{ token: string }>('/api/tokens', { method: 'POST', json: b }),
    onSuccess: (r) => { setCreated(r.token); void qc.invalidateQueries({ queryKey: queryKeys.tokens }); },
  });
  const revoke = useMutation({ mutationFn: (id: number) => api(`/api/tokens/${id}`, { method: 'DELETE' }), onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }) });
  return (
    <section className="card p-5">
      <h2 className="mb-1 font-semibold">API tokens</h2>
      <p className="mb-3 text-xs text-slate-500">For scripts: <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash is stored; the token is shown once.</p>
      <div className="overflow-x-auto"><table className="w-full">
        <thead><tr><th className="th">Name</th><th className="th">Role</th><th className="th">Last used</th><th className="th" /></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id}>
              <td className="td font-medium">{t.name}</td>
              <td className="td text-sm">{t.role}</td>
              <td className="td text-xs text-slate-500">{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
              <td className="td text-right"><button className="btn btn-danger" onClick={() => revoke.mutate(t.id)}>Revoke</button></td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {tokens.data?.length === 0 ? <p className="py-2 text-sm text-slate-500">No tokens.</p> : null}
      <form
        className="mt-4 grid grid-cols-1 gap-2 sm:grid-cols-[1fr_7rem_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({ name: String(f.get('name')), role: f.get('role') as Role });
          e.currentTarget.reset();
        }}
      >
        <input name="name" className="input" placeholder="token name" required aria-label="Token name" />
        <select name="role" className="input" defaultValue="viewer" aria-label="Token role">{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        <button className="btn-primary">Create</button>
      </form>
      {created ? (
        <div className="mt-3 rounded-md bg-amber-50 p-3 text-xs text-amber-900">
          Copy this token now; it will not be shown again:
          <code className="mt-1 block break-all font-mono text-sm" data-testid="new-token">{created}</code>
        </div>
      ) : null}
    </section>
  );
}
