import type { UpdateInfo } from '@/server/contract';
import { Badge } from '../badges';

const color = { 'up-to-date': 'green', 'update-available': 'indigo', pinned: 'blue', local: 'slate', error: 'red' } as const;

export function UpdateBadge({ u }: { u: Pick<UpdateInfo, 'status' | 'error' | 'errorDetail'> }) {
  const title = u.status === 'error' ? [u.error, u.errorDetail].filter(Boolean).join(': ') : u.status === 'local' ? 'built locally, not tracked' : undefined;
  return (
    <Badge color={color[u.status]} title={title} testId="update-status">
      {u.status === 'error' ? `error: ${u.error ?? 'unknown'}` : u.status === 'local' ? 'local' : u.status}
    </Badge>
  );
}
