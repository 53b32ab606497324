// Timeline events of a backup run (server/backups/run-backup.ts): dumped, verified, failed. A target is
// a container name (its compose labels give the stack and service) or `volume:NAME`.
import type { AppEnv } from '../app';
import type { EventKind } from '../contract';
import { recordEvent } from './record';

export function recordBackupEvent(ae: AppEnv, target: string, kind: string, id: number, status: string | undefined, error?: string | null) {
  const verifyFailed = status === 'failed' && (error ?? '').startsWith('verification failed');
  const k: EventKind | null =
    status === 'succeeded' ? 'backup.succeeded' : status === 'verified' ? 'backup.verified' : verifyFailed ? 'backup.verify_failed' : status === 'failed' ? 'backup.failed' : null;
  if (!k) return;
  const c = target.startsWith('volume:') ? undefined : ae.env.watcher.find(target);
  const what = k === 'backup.succeeded' ? 'written' : k === 'backup.verified' ? 'verified' : k === 'backup.verify_failed' ? 'failed verification' : 'failed';
  recordEvent(ae, {
    project: c?.project ?? null, service: c?.service ?? null, container: c?.name ?? null,
    kind: k, severity: k === 'backup.failed' || k === 'backup.verify_failed' ? 'critical' : 'info',
    summary: `backup #${id} of ${target} ${what}`,
    detail: { id, target, kind, status, ...(error ? { error: error.slice(0, 300) } : {}) },
  });
}
