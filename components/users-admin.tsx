'use client';
// Admins manage users and API tokens here; every change is audited server-side.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppShell } from './app-shell';
import { api } from './api';
import { queryKeys, useMeQuery, useTokensQuery, useUsersQuery } from './queries';
import { createUserBody, ROLES, type Role, type TokenRow } from '@/server/contract';
import { checkedBody } from './form-check';
import { ActionDialog } from './frame/action-dialog';
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

type UserAsk = { kind: 'role'; username: string; from: Role; to: Role } | { kind: 'delete'; username: string } | { kind: 'reset'; username: string };

function UsersCard({ self }: { self?: string }) {
  const users = useUsersQuery();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<UserAsk | null>(null);
  const done = () => { setError(null); void qc.invalidateQueries({ queryKey: queryKeys.users }); };
  const fail = (e: Error) => setError(e.message);
  // checked with the route's schema first: a bad name or short password is answered before any request
  const create = useMutation({ mutationFn: (b: unknown) => api('/api/users', { method: 'POST', json: checkedBody(createUserBody, b) }), onSuccess: done, onError: fail });
  return (
    <section className="card p-5">
      <h2 className="mb-3 font-semibold">Users</h2>
      <div className="overflow-x-auto"><table className="w-full">
        <thead><tr><th className="th">User</th><th className="th">Role</th><th className="th" /></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {(users.data ?? []).map((u) => (
            <tr key={u.username} data-testid="user-row" data-username={u.username}>
              <td className="td font-medium">{u.username}{u.username === self ? <span className="ml-1 text-xs text-slate-400">(you)</span> : null}
                {u.mustChangePassword ? <span className="ml-1 text-xs text-amber-700" data-testid="must-change">must change password</span> : null}</td>
              <td className="td">
                <select className="input w-32 py-1" value={u.role} onChange={(e) => setAsk({ kind: 'role', username: u.username, from: u.role, to: e.target.value as Role })} aria-label={`Role of ${u.username}`}>
                  {ROLES.map((r) => <option key={r}>{r}</option>)}
                </select>
              </td>
              <td className="td whitespace-nowrap text-right">
                {u.username !== self && u.source !== 'oidc' ? <button className="btn mr-1.5" onClick={() => setAsk({ kind: 'reset', username: u.username })}>Reset password…</button> : null}
                {u.username !== self ? <button className="btn btn-danger" onClick={() => setAsk({ kind: 'delete', username: u.username })}>Delete…</button> : null}
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
          create.mutate({ username: String(f.get('username')), password: String(f.get('password')), role: f.get('role') });
          e.currentTarget.reset();
        }}
      >
        <input name="username" className="input" placeholder="username" required aria-label="New username" />
        <input name="password" type="password" className="input" placeholder="password (8+)" minLength={8} required aria-label="New password" />
        <select name="role" className="input" defaultValue="viewer" aria-label="New role">{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        <button className="btn-primary">Add user</button>
      </form>
      {error ? <p role="alert" className="mt-2 text-sm text-rose-600">{error}</p> : null}
      {ask ? <UserDialog ask={ask} onDone={done} onClose={() => setAsk(null)} /> : null}
    </section>
  );
}

/** Role change, delete and password reset: each asks first and shows pending, then done or the reason. */
function UserDialog({ ask, onDone, onClose }: { ask: UserAsk; onDone: () => void; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const who = encodeURIComponent(ask.username);
  if (ask.kind === 'role')
    return (
      <ActionDialog
        title={`Change the role of ${ask.username}?`}
        summary={`From ${ask.from} to ${ask.to}. Their sessions end and they sign in again with the new rights.`}
        confirmLabel="Change role" pendingLabel="Changing role…" danger={false}
        run={async () => { await api(`/api/users/${who}`, { method: 'PATCH', json: { role: ask.to } }); onDone(); return `${ask.username} is ${ask.to} now.`; }}
        onClose={onClose}
      />
    );
  if (ask.kind === 'delete')
    return (
      <ActionDialog
        title={`Delete user ${ask.username}?`}
        summary="The account, its sessions and every API token it created are removed. This cannot be undone."
        confirmLabel="Delete" pendingLabel="Deleting…"
        run={async () => { await api(`/api/users/${who}`, { method: 'DELETE' }); onDone(); return `${ask.username} was deleted.`; }}
        onClose={onClose}
      />
    );
  return (
    <ActionDialog
      title={`Reset the password of ${ask.username}?`}
      summary="Their sessions end. They sign in with this password once and must choose a new one before anything else."
      confirmLabel="Reset password" pendingLabel="Resetting…" disabled={password.length < 8}
      run={async () => { await api(`/api/users/${who}/password`, { method: 'POST', json: { password } }); onDone(); return `${ask.username} must choose a new password at next sign-in.`; }}
      onClose={onClose}
    >
      <label className="mt-3 block text-sm font-medium">Temporary password (8+)
        <input type="password" autoComplete="new-password" className="input mt-1" value={password} onChange={(e) => setPassword(e.target.value)} minLength={8} aria-label="Temporary password" />
      </label>
    </ActionDialog>
  );
}

function TokensCard() {
  const tokens = useTokensQuery();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (b: { name: string; role: Role; expiresAt?: string }) => api('/api/tokens', { method: 'POST', json: b }),
    onSuccess: (r) => { setCreated(r.token); void qc.invalidateQueries({ queryKey: queryKeys.tokens }); },
  });
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  return (
    <section className="card p-5">
      <h2 className="mb-1 font-semibold">API tokens</h2>
      <p className="mb-3 text-xs text-slate-500">For scripts: <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash is stored; the token is shown once.</p>
      <div className="overflow-x-auto"><table className="w-full">
        <thead><tr><th className="th">Name</th><th className="th">Role</th><th className="th">Last used</th><th className="th">Expires</th><th className="th" /></tr></thead>
        <tbody className="divide-y divide-slate-100">
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id} data-testid="token-row" data-name={t.name}>
              <td className="td font-medium">{t.name}</td>
              <td className="td text-sm">{t.role}</td>
              <td className="td text-xs text-slate-500">{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
              <td className="td text-xs text-slate-500" data-testid="token-expiry"><TokenExpiry at={t.expiresAt} /></td>
              <td className="td text-right"><button className="btn btn-danger" onClick={() => setRevoking(t)}>Revoke…</button></td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {tokens.data?.length === 0 ? <p className="py-2 text-sm text-slate-500">No tokens.</p> : null}
      <form
        className="mt-4 grid grid-cols-1 gap-2 sm:grid-cols-[1fr_7rem_8rem_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const days = Number(f.get('days'));
          create.mutate({ name: String(f.get('name')), role: f.get('role') as Role, ...(days > 0 ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}) });
          e.currentTarget.reset();
        }}
      >
        <input name="name" className="input" placeholder="token name" required aria-label="Token name" />
        <select name="role" className="input" defaultValue="viewer" aria-label="Token role">{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        <select name="days" className="input" defaultValue="90" aria-label="Token expiry">
          <option value="7">7 days</option><option value="30">30 days</option><option value="90">90 days</option><option value="365">1 year</option><option value="0">never</option>
        </select>
        <button className="btn-primary">Create</button>
      </form>
      {revoking ? (
        <ActionDialog
          title={`Revoke token ${revoking.name}?`}
          summary="Scripts using it stop at once, including open connections. This cannot be undone."
          confirmLabel="Revoke" pendingLabel="Revoking…"
          run={async () => { await api(`/api/tokens/${revoking.id}`, { method: 'DELETE' }); void qc.invalidateQueries({ queryKey: queryKeys.tokens }); return `Token ${revoking.name} was revoked.`; }}
          onClose={() => setRevoking(null)}
        />
      ) : null}
      {created ? (
        <div className="mt-3 rounded-md bg-amber-50 p-3 text-xs text-amber-900">
          Copy this token now; it will not be shown again:
          <code className="mt-1 block break-all font-mono text-sm" data-testid="new-token">{created}</code>
        </div>
      ) : null}
    </section>
  );
}

/** "never", the date, and how soon (or "expired"): an expired token no longer works but stays listed. */
function TokenExpiry({ at }: { at: string | null }) {
  if (!at) return <span>never</span>;
  const ms = Date.parse(at) - Date.now();
  const days = Math.ceil(ms / 86_400_000);
  return (
    <span title={new Date(at).toLocaleString()} className={ms <= 0 ? 'font-semibold text-rose-600' : days <= 7 ? 'text-amber-700' : ''}>
      {ms <= 0 ? 'expired' : `${new Date(at).toLocaleDateString()} (in ${days} ${days === 1 ? 'day' : 'days'})`}
    </span>
  );
}
