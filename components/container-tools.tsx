'use client';
// Links from a container to its tools (logs, stats, shell), by role.
import Link from 'next/link';
import type { Role } from '@/server/contract';
import { can, type Permission } from '@/server/auth/permissions';

export function ContainerTools({ id, role }: { id: string; role: Role }) {
  const tools: { href: string; label: string; permission?: Permission }[] = [
    { href: `/logs?container=${encodeURIComponent(id)}`, label: 'Logs' },
    { href: `/containers/${encodeURIComponent(id)}/stats`, label: 'Stats' },
    { href: `/containers/${encodeURIComponent(id)}/shell`, label: 'Shell', permission: 'shell' },
  ];
  const shown = tools.filter((t) => !t.permission || can(role, t.permission));
  if (shown.length === 0) return null;
  return (
    <div className="flex gap-1.5">
      {shown.map((t) => (
        <Link key={t.href} href={t.href} className="btn">{t.label}</Link>
      ))}
    </div>
  );
}
