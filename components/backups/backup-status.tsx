import type { BackupProgressEvent, BackupStatus } from '@/server/contract';
import { Badge } from '../badges';
import { formatBytes } from '../format-bytes';

const color: Record<BackupStatus, 'green' | 'red' | 'amber' | 'blue' | 'slate'> = {
  verified: 'green', succeeded: 'blue', running: 'amber', failed: 'red', interrupted: 'slate',
};

export function BackupStatusBadge({ status, title }: { status: BackupStatus; title?: string }) {
  return <Badge color={color[status]} testId="backup-status" title={title}>{status === 'succeeded' ? 'verifying' : status}</Badge>;
}

/**
 * Live bytes of a running backup. The total is unknown until the end, so the bar measures against
 * the previous good backup of the same target (capped at 95%) and fills when verification starts.
 */
export function BackupProgress({ bytes, phase, expected }: { bytes: number; phase: BackupProgressEvent['phase']; expected: number | null }) {
  const pct = phase !== 'dumping' ? 100 : expected ? Math.min(95, (bytes / expected) * 100) : Math.min(90, 10 + Math.log10(1 + bytes / 1e5) * 20);
  return (
    <div className="w-40" data-testid="backup-progress" data-phase={phase} data-bytes={bytes}>
      <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className={`h-full rounded-full transition-all duration-200 ${phase === 'done' ? 'bg-emerald-500' : phase === 'verifying' ? 'bg-sky-500' : 'bg-indigo-500'}`} style={{ width: `${pct}%` }} />
      </div>
      <div className="mt-1 text-[11px] text-slate-500">
        {formatBytes(bytes)} {phase === 'dumping' ? 'written' : phase === 'verifying' ? '· verifying…' : '· done'}
      </div>
    </div>
  );
}
