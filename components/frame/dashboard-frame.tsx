'use client';
// The one frame of every signed-in page (app/(dashboard)/layout.tsx): navigation, who is signed in, the engine
// banner and the live-updates wiring. It stays mounted across navigations, so the socket subscriptions are set
// up once, and pages render only once the session is known (a signed-out visit fires no other request).
// Below the `md` breakpoint the sidebar becomes a menu behind a button, so content gets the whole width.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { can } from '@/server/auth/permissions';
import { useMeQuery, useHealthQuery } from '../queries';
import { useLiveUpdates } from '../live-updates';
import { api } from '../api';
import { closeSocket } from '../socket';
import { EnvironmentSwitcher } from '../environments/environment-switcher';
import { NAV, isActive } from './nav';
import { ReauthPrompt } from '../account/reauth-prompt';
import { ThemeSwitch } from './theme-switch';
import { KeyboardShortcuts } from './shortcuts';

export function DashboardFrame({ children }: { children: React.ReactNode }) {
  const me = useMeQuery();
  if (me.isLoading || !me.data) {
    return <div className="flex h-full items-center justify-center text-sm text-slate-500">{me.isError ? 'Redirecting to sign-in…' : 'Loading…'}</div>;
  }
  return <SignedIn me={me.data}>{children}</SignedIn>;
}

function SignedIn({ me, children }: { me: { username: string; role: 'viewer' | 'operator' | 'admin' }; children: React.ReactNode }) {
  const health = useHealthQuery();
  const { connected } = useLiveUpdates();
  const path = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  // a navigation closes the phone menu; Escape does too
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  const engineDown = health.data && !health.data.docker.reachable;

  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    closeSocket();
    location.assign('/login');
  };

  const sidebar = (
    <>
      <div className="flex items-center gap-2 px-5 py-5 text-lg font-semibold text-white">
        <span className="inline-block h-6 w-6 rounded bg-gradient-to-br from-indigo-400 to-sky-400" aria-hidden />
        Slipway
      </div>
      <EnvironmentSwitcher />
      <nav className="flex-1 space-y-1 px-3" aria-label="Sections">
        {NAV.filter((n) => !n.permission || can(me.role, n.permission)).map((n) => (
          <Link key={n.href} href={n.href} aria-current={isActive(n, path) ? 'page' : undefined}
            className={`block rounded-md px-3 py-2 text-sm ${isActive(n, path) ? 'bg-slate-800 text-white' : 'hover:bg-slate-800/60 hover:text-white'}`}>
            {n.label}
          </Link>
        ))}
      </nav>
      <div className="border-t border-slate-800 px-5 py-4 text-xs">
        <div className="text-slate-400">Signed in as</div>
        <div className="mt-0.5 flex items-center justify-between">
          <span className="font-medium text-white" data-testid="whoami">{me.username}</span>
          <span className="rounded bg-slate-800 px-1.5 py-0.5 text-[10px] uppercase tracking-wide">{me.role}</span>
        </div>
        <button onClick={logout} className="mt-3 text-slate-400 hover:text-white">Sign out</button>
        <ThemeSwitch />
        <div className="mt-3 flex items-center gap-1.5 text-slate-500">
          <span className={`h-2 w-2 rounded-full ${connected ? 'bg-emerald-400' : 'bg-rose-400'}`} />
          {connected ? 'live' : 'reconnecting…'}
          {health.data?.docker.version ? <span className="ml-auto">Docker {health.data.docker.version}</span> : null}
        </div>
      </div>
    </>
  );

  return (
    <div className="flex min-h-full flex-col md:flex-row">
      {/* phones: a top bar with the menu button */}
      <div className="sticky top-0 z-30 flex items-center justify-between bg-slate-900 px-4 py-2 text-white md:hidden">
        <span className="flex items-center gap-2 font-semibold">
          <span className="inline-block h-5 w-5 rounded bg-gradient-to-br from-indigo-400 to-sky-400" aria-hidden />
          Slipway
        </span>
        <button type="button" data-testid="menu-button" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen((o) => !o)}
          className="rounded px-3 py-1.5 text-sm ring-1 ring-slate-600 hover:bg-slate-800">
          {menuOpen ? 'Close' : 'Menu'}
        </button>
      </div>
      {menuOpen ? <div className="fixed inset-0 z-30 bg-slate-900/40 md:hidden" onClick={() => setMenuOpen(false)} aria-hidden /> : null}
      <aside id="sidebar"
        className={`${menuOpen ? 'fixed inset-y-0 left-0 z-40 flex w-64' : 'hidden'} flex-col overflow-y-auto bg-slate-900 text-slate-300 md:static md:flex md:w-56 md:shrink-0`}>
        {sidebar}
      </aside>
      <main className="min-w-0 flex-1">
        {engineDown ? (
          <div role="alert" data-testid="engine-banner" className="border-b border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 md:px-8">
            <strong>Docker engine is not answering.</strong> What you see may be out of date; Slipway reconnects by itself when the engine returns.
            {health.data?.docker.error && !/not answering/i.test(health.data.docker.error) ? <span className="ml-2 text-rose-600">({health.data.docker.error})</span> : null}
          </div>
        ) : null}
        {!connected && !engineDown ? (
          <div role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800 md:px-8">Live connection lost; reconnecting…</div>
        ) : null}
        {children}
        <ReauthPrompt />
        <KeyboardShortcuts />
      </main>
    </div>
  );
}
