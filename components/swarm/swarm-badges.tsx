// Colours of swarm states: task states, node states, update status.
import { Badge } from '../badges';
import type { SwarmUpdateStatus } from '@/server/contract';

type Color = Parameters<typeof Badge>[0]['color'];

const TASK: Record<string, Color> = {
  running: 'green',
  complete: 'blue',
  new: 'slate', pending: 'amber', assigned: 'amber', accepted: 'amber', preparing: 'amber', ready: 'amber', starting: 'amber',
  shutdown: 'slate', orphaned: 'slate', remove: 'slate',
  failed: 'red', rejected: 'red',
};

/** A task Docker is stopping (desired shutdown, still running) reads "stopping", not a green "running". */
export function TaskStateBadge({ state, desired }: { state: string; desired: string }) {
  if (desired !== 'running' && state === 'running') return <Badge color="amber" testId="task-state" title="desired state shutdown; the container is stopping">stopping</Badge>;
  return <Badge color={TASK[state] ?? 'slate'} testId="task-state">{state}</Badge>;
}

export function NodeStateBadge({ state }: { state: string }) {
  return <Badge color={state === 'ready' ? 'green' : state === 'down' || state === 'disconnected' ? 'red' : 'amber'} testId="node-state">{state}</Badge>;
}

const UPDATE: Record<string, Color> = {
  updating: 'indigo', completed: 'green', paused: 'amber',
  rollback_started: 'amber', rollback_completed: 'amber', rollback_paused: 'red',
};

export function UpdateStatusBadge({ status }: { status: SwarmUpdateStatus | null }) {
  if (!status) return <span className="text-xs text-slate-400">never updated</span>;
  return (
    <Badge color={UPDATE[status.state] ?? 'slate'} testId="update-status" title={status.message}>
      {status.state.replace('_', ' ')}
    </Badge>
  );
}

export function ReplicasBadge({ running, desired }: { running: number; desired: number }) {
  const color: Color = desired === 0 ? 'slate' : running >= desired ? 'green' : running === 0 ? 'red' : 'amber';
  return <Badge color={color} testId="replicas">{running}/{desired}</Badge>;
}
