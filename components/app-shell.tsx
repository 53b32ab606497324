'use client';
// The frame of every signed-in page: navigation, who is signed in, and the engine banner.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useMeQuery, useHealthQuery } from './queries';
import { useLiveUpdates } from './live-updates';
import { api } from './api';
import { closeSocket } from './socket';
import { EnvironmentSwitcher } from './environments/environment-switcher';

const NAV = [
  { href: '/', label: 'Stacks' },
  { href: '/logs', label: 'Logs' },
  { href: '/health', label: 'Health' },
  { href: '/slots', label: 'Slots' },
  { href: '/backups', label: 'Backups' },
  { href: '/images', label: 'Images' },
  { href: '/updates', label: 'Updates' },
  { href: '/volumes', label: 'Volumes' },
  { href: '/networks', label: 'Networks' },
  { href: '/environments', label: 'Environments' },
  { href: '/swarm', label: 'Swarm' },
  { href: '/audit', label: 'Audit log' },
  { href: '/users', label: 'Users & tokens', admin: true },
  { href: '/notifications', label: 'Notifications', admin: true },
];

export function AppShell({ title, actions, children }: { title: string; actions?: React.ReactNode; children: React.ReactNode }) {
  const me = useMeQuery();
  const health = useHealthQuery();
  const { connected } = useLiveUpdates();
  const path = usePathname();

  if (me.isLoading || !me.data) {
    return <div className="flex h-full items-center justify-center text-sm text-slate-500">{me.isError ? 'Redirecting to sign-in…' : 'Loading…'}</div>;
  }
  const engineDown = health.data && !health.data.docker.reachable;

  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    closeSocket();
    location.assign('/login');
  };

  return (
    <div className="flex min-h-full">
      <aside className="flex w-56 shrink-0 flex-col bg-slate-900 text-slate-300">
        <div className="flex items-center gap-2 px-5 py-5 text-lg font-semibold text-white">
          <span className="inline-block h-6 w-6 rounded bg-gradient-to-br from-indigo-400 to-sky-400" aria-hidden />
          Slipway
        </div>
        <EnvironmentSwitcher />
        <nav className="flex-1 space-y-1 px-3">
          {NAV.filter((n) => !n.admin || me.data.role === 'admin').map((n) => {
            const active = n.href === '/' ? path === '/' || path.startsWith('/containers') : path.startsWith(n.href);
            return (
              <Link key={n.href} href={n.href} className={`block rounded-md px-3 py-2 text-sm ${active ? 'bg-slate-800 text-white' : 'hover:bg-slate-800/60 hover:text-white'}`}>
                {n.label}
              </Link>
            );
          })}
        </nav>
        <div className="border-t border-slate-800 px-5 py-4 text-xs">
          <div className="text-slate-400">Signed in as</div>
          <div className="mt-0.5 flex items-center justify-between">
            <span className="font-medium text-white" data-testid="whoami">{me.data.username}</span>
            <span className="rounded bg-slate-800 px-1.5 py-0.5 text-[10px] uppercase tracking-wide">{me.data.role}</span>
          </div>
          <button onClick={logout} className="mt-3 text-slate-400 hover:text-white">Sign out</button>
          <div className="mt-3 flex items-center gap-1.5 text-slate-500">
            <span className={`h-2 w-2 rounded-full ${connected ? 'bg-emerald-400' : 'bg-rose-400'}`} />
            {connected ? 'live' : 'reconnecting…'}
            {health.data?.docker.version ? <span className="ml-auto">Docker {health.data.docker.version}</span> : null}
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1">
        {engineDown ? (
          <div role="alert" data-testid="engine-banner" className="border-b border-rose-200 bg-rose-50 px-8 py-3 text-sm text-rose-800">
            <strong>Docker engine is not answering.</strong> What you see may be out of date; Slipway reconnects by itself when the engine returns.
            {health.data?.docker.error && !/not answering/i.test(health.data.docker.error) ? <span className="ml-2 text-rose-600">({health.data.docker.error})</span> : null}
          </div>
        ) : null}
        {!connected && !engineDown ? (
          <div role="status" className="border-b border-amber-200 bg-amber-50 px-8 py-2 text-sm text-amber-800">Live connection lost; reconnecting…</div>
        ) : null}
        <header className="flex items-center justify-between gap-4 px-8 pb-4 pt-6">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          <div className="flex items-center gap-2">{actions}</div>
        </header>
        <div className="px-8 pb-10">{children}</div>
      </main>
    </div>
  );
}
