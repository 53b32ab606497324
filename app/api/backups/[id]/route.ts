import { route } from '@/server/http/route-handler';
import { backupIdParam } from '@/server/contract';
import { HttpError } from '@/server/http/errors';
import { getBackup } from '@/server/backups/catalog';
import { removeBackup } from '@/server/backups/retention-run';
import { backupState } from '@/server/backups/service';
import { backupView } from '@/server/backups/views';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: backupIdParam }, async ({ app, env, params }) => {
  const b = getBackup(app.db, params.id);
  if (!b) throw new HttpError(404, `no backup ${params.id}`);
  return backupView({ app, env }, b);
});

// Deleting a backup destroys a restore point: admin only ('backups:delete').
export const DELETE = route({ permission: 'backups:delete', params: backupIdParam }, async ({ app, env, params, principal }) => {
  const b = getBackup(app.db, params.id);
  if (!b) throw new HttpError(404, `no backup ${params.id}`);
  if (b.status === 'running' || backupState({ app, env }).busy.get(b.target)?.includes(`backup ${b.id}`)) throw new HttpError(409, `backup ${b.id} is still running`);
  removeBackup({ app, env }, b.id);
  recordAudit(app.db, { username: principal.username, action: 'backup.delete', target: b.target, result: 'ok', detail: { id: b.id, file: b.fileName, sha256: b.sha256 } });
  return { ...backupView({ app, env }, b), deleted: true };
});
