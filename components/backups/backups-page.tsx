'use client';
// The backups page: targets with "Back up now" and live progress, then the catalog.
import { AppShell } from '../app-shell';
import { useMeQuery } from '../queries';
import { BackupCatalog } from './backup-catalog';
import { BackupTargets } from './backup-targets';
import { useBackupLive, useBackupTargetsQuery, useBackupsQuery } from './backup-queries';

export function BackupsPage() {
  const me = useMeQuery();
  const targets = useBackupTargetsQuery();
  const backups = useBackupsQuery();
  const progress = useBackupLive();
  const role = me.data?.role ?? 'viewer';
  return (
    <AppShell title="Backups">
      {targets.isError || backups.isError ? <p className="mb-3 text-sm text-rose-600">Could not load backups: {(targets.error ?? backups.error)?.message}</p> : null}
      <div className="space-y-5">
        <BackupTargets targets={targets.data ?? []} backups={backups.data ?? []} progress={progress} role={role} />
        <BackupCatalog backups={backups.data ?? []} role={role} />
      </div>
    </AppShell>
  );
}
