'use client';
// Your own sessions: where you are signed in (browser, since, last seen) and signing one of them out.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OwnSession } from '@/server/contract';
import { ActionDialog } from '../frame/action-dialog';
import { useOwnSessionsQuery } from './queries';
import { revokeOwnSession } from './mutations';

/** "Firefox 128 on Linux"-style name from a User-Agent, else the raw string cut short. */
function browserOf(ua: string | null): string {
  if (!ua) return 'unknown browser';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chromium/Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : null;
  return browser ? `${browser}${os ? ` on ${os}` : ''}` : ua.slice(0, 60);
}

const when = (iso: string) => new Date(iso).toLocaleString();

export function SessionsCard() {
  const sessions = useOwnSessionsQuery();
  const qc = useQueryClient();
  const [ending, setEnding] = useState<OwnSession | null>(null);
  return (
    <section className="card p-5" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="mb-1 font-semibold">Sessions</h2>
      <p className="mb-3 text-sm text-slate-500">Where you are signed in. Sign out a session you do not recognise.</p>
      {sessions.isError ? <p role="alert" className="text-sm text-rose-600">{sessions.error.message}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-700" data-testid="session-list">
        {(sessions.data ?? []).map((s) => (
          <li key={s.id} className="flex items-center gap-3 py-2" data-testid="session-row" data-current={s.current}>
            <div className="min-w-0 flex-1">
              <div className="truncate font-medium" title={s.userAgent ?? undefined}>
                {browserOf(s.userAgent)}{s.current ? <span className="ml-1.5 text-xs font-normal text-emerald-700">this session</span> : null}
              </div>
              <div className="text-xs text-slate-500">signed in {when(s.createdAt)} ({s.method}) · last seen {when(s.lastSeenAt)}</div>
            </div>
            {!s.current ? <button className="btn btn-danger shrink-0" onClick={() => setEnding(s)}>Sign out…</button> : null}
          </li>
        ))}
      </ul>
      {ending ? (
        <ActionDialog
          title="Sign out this session?"
          summary={`${browserOf(ending.userAgent)}, last seen ${when(ending.lastSeenAt)}. It is signed out at once, open pages included.`}
          confirmLabel="Sign out" pendingLabel="Signing out…"
          run={async () => { await revokeOwnSession(qc, ending.id); return 'That session is signed out.'; }}
          onClose={() => setEnding(null)}
        />
      ) : null}
    </section>
  );
}
