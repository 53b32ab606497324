'use client';
// A volume's files, read-only, through the same browser as a container's.
import Link from 'next/link';
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { can } from '@/server/auth/permissions';
import { FilesPanel } from './files-panel';

export function VolumeFilesView({ name }: { name: string }) {
  const me = useMeQuery();
  return (
    <AppShell title={`Volume ${name}`}>
      <Link href="/volumes" className="text-sm text-indigo-700 hover:underline">← Volumes</Link>
      {me.data && !can(me.data.role, 'files:read') ? <p className="mt-4 text-sm text-slate-500">Browsing files needs the operator role.</p> : null}
      {me.data && can(me.data.role, 'files:read') ? (
        <section className="card mt-4 p-5"><FilesPanel target={{ kind: 'volume', name }} canUpload={false} /></section>
      ) : null}
    </AppShell>
  );
}
