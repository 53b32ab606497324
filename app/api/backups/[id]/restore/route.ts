import { route } from '@/server/http/route-handler';
import { backupIdParam, restoreBackupBody } from '@/server/contract';
import { restoreBackup } from '@/server/backups/restore';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const POST = route({ permission: 'backups:restore', reauth: true, params: backupIdParam, body: restoreBackupBody }, async ({ app, env, params, body, principal }) => {
  try {
    const r = await restoreBackup({ app, env }, params.id, body);
    recordAudit(app.db, { username: principal.username, action: 'backup.restore', target: r.target, result: 'ok', detail: { ...r, mode: body.mode } });
    return { ok: true, ...r };
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'backup.restore', target: `backup ${params.id}`, result: 'failed', detail: { mode: body.mode, error: (e as Error).message } });
    throw e;
  }
});
