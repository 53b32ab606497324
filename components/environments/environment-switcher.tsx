'use client';
// The sidebar's environment picker: which engine every page of this tab shows. Hidden with one engine.
import { useEffect } from 'react';
import { useEnvironmentsQuery } from '../queries';
import { currentEnv, switchEnv } from '../environment';

export function EnvironmentSwitcher() {
  const envs = useEnvironmentsQuery();
  const list = envs.data ?? [];
  const chosen = currentEnv();
  const active = list.find((e) => e.name === chosen) ?? list.find((e) => e.default);

  // A remembered environment that an admin removed since: back to the default one.
  useEffect(() => {
    if (chosen && envs.data && !envs.data.some((e) => e.name === chosen)) switchEnv(null, location.pathname);
  }, [chosen, envs.data]);

  if (list.length < 2 || !active) return null;
  return (
    <label className="mx-3 mb-4 block rounded-md bg-slate-800/70 px-3 py-2 text-xs">
      <span className="flex items-center justify-between text-slate-400">
        Environment
        <span className={`h-2 w-2 rounded-full ${active.reachable ? 'bg-emerald-400' : 'bg-rose-400'}`} title={active.reachable ? 'engine answering' : 'engine not answering'} />
      </span>
      <select
        data-testid="env-switcher"
        className="mt-1 w-full cursor-pointer rounded bg-slate-900 px-2 py-1 text-sm font-medium text-white outline-none ring-1 ring-slate-700 focus:ring-sky-500"
        value={active.name}
        onChange={(e) => {
          const next = list.find((x) => x.name === e.target.value);
          switchEnv(next && !next.default ? next.name : null, '/');
        }}
      >
        {list.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
            {e.reachable ? '' : ' (unreachable)'}
            {e.swarm ? ' · swarm' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
