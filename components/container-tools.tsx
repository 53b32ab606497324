'use client';
// Links from a container to its tools (logs, stats, shell), by role.
import Link from 'next/link';
import type { Role } from '@/server/contract';

export function ContainerTools({ id, role }: { id: string; role: Role }) {
  const tools: { href: string; label: string; admin?: boolean }[] = [
    { href: `/logs?container=${encodeURIComponent(id)}`, label: 'Logs' },
    { href: `/containers/${encodeURIComponent(id)}/stats`, label: 'Stats' },
    { href: `/containers/${encodeURIComponent(id)}/shell`, label: 'Shell', admin: true },
  ];
  const shown = tools.filter((t) => !t.admin || role === 'admin');
  if (shown.length === 0) return null;
  return (
    <div className="flex gap-1.5">
      {shown.map((t) => (
        <Link key={t.href} href={t.href} className="btn">{t.label}</Link>
      ))}
    </div>
  );
}
