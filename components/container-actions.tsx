'use client';
// A container's lifecycle buttons on the overview. Stop and restart interrupt a service, so they ask
// first in the shared ActionDialog, which shows them pending and then done or failed with the reason;
// start asks nothing and shows the same states beside the button.
import { useState } from 'react';
import { useIsMutating } from '@tanstack/react-query';
import { can } from '@/server/auth/permissions';
import type { ContainerSummary, LifecycleAction, Role } from '@/server/contract';
import { ActionDialog } from './frame/action-dialog';
import { ACTION_WORDS, actionKey, useContainerAction } from './containers/mutations';

export function ContainerActions({ c, role }: { c: ContainerSummary; role: Role }) {
  const m = useContainerAction(c.id);
  const [asking, setAsking] = useState<'stop' | 'restart' | null>(null);
  if (!can(role, 'containers:control')) return null;
  const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  const act = async (kind: LifecycleAction) => {
    const r = await m.mutateAsync({ kind });
    return `${c.name} ${ACTION_WORDS[kind].done}; it is ${r.state} now.`;
  };
  const pendingKind = m.isPending && m.variables && m.variables.kind in ACTION_WORDS ? (m.variables.kind as LifecycleAction) : null;
  return (
    <div className="flex items-center justify-end gap-1.5">
      {running ? (
        <>
          <button className="btn" disabled={m.isPending} onClick={() => setAsking('restart')}>Restart</button>
          <button className="btn btn-danger" disabled={m.isPending} onClick={() => setAsking('stop')}>Stop</button>
        </>
      ) : (
        <button className="btn" disabled={m.isPending} onClick={() => { m.reset(); void act('start').catch(() => undefined); }}>Start</button>
      )}
      <span role="status" className="text-xs" data-testid="action-status">
        {pendingKind ? <span className="text-slate-500">{ACTION_WORDS[pendingKind].pending.toLowerCase()}</span> : null}
        {!m.isPending && m.isError && !asking ? <span className="text-rose-600" title={m.error.message}>failed: {m.error.message}</span> : null}
      </span>
      {asking ? (
        <ActionDialog
          title={`${asking === 'stop' ? 'Stop' : 'Restart'} ${c.name}?`}
          summary={asking === 'stop' ? 'The container stops (SIGTERM, then SIGKILL after its grace period) and stays stopped until started again.' : 'The container stops and starts again; it serves nothing in between.'}
          confirmLabel={asking === 'stop' ? 'Stop' : 'Restart'}
          pendingLabel={ACTION_WORDS[asking].pending}
          danger={asking === 'stop'}
          run={() => act(asking)}
          onClose={() => { setAsking(null); m.reset(); }}
        />
      ) : null}
    </div>
  );
}

/** True while a lifecycle action on this container runs (its health must not be judged meanwhile). */
export function useActionPending(id: string): boolean {
  return useIsMutating({ mutationKey: actionKey(id) }) > 0;
}
