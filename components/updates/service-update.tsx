'use client';
// A service's image update status where its containers are shown (overview, stack page): the worst status of its
// containers from the same `GET /api/updates` the Updates page reads, linking there for the update itself.
import Link from 'next/link';
import type { UpdateInfo } from '@/server/contract';
import { useUpdatesQuery } from './queries';
import { UpdateBadge } from './update-badge';

const RANK: Record<UpdateInfo['status'], number> = { 'update-available': 4, error: 3, 'up-to-date': 2, pinned: 1, local: 0 };

/** The update of one service, or of one container when `containerId` is given; nothing until a check ran. */
export function ServiceUpdate({ project, service, containerId }: { project?: string; service?: string; containerId?: string }) {
  const updates = useUpdatesQuery();
  const mine = (updates.data ?? []).filter((u) => (containerId ? u.containerId === containerId : u.project === project && u.service === service));
  if (mine.length === 0) return null;
  const worst = mine.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
  if (worst.status !== 'update-available' && worst.status !== 'error') return null; // quiet when nothing to do
  return (
    <Link href="/updates" className="inline-block" title="Open Updates">
      <UpdateBadge u={worst} />
    </Link>
  );
}
