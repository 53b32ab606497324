import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { backupListQuery, createBackupBody } from '@/server/contract';
import { listBackups } from '@/server/backups/catalog';
import { startBackup } from '@/server/backups/run-backup';
import { backupView } from '@/server/backups/views';
import { catalogEnv } from '@/server/environments/registry';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', query: backupListQuery }, async ({ app, env, query }) =>
  listBackups(app.db, { ...query, env: catalogEnv({ app, env }) }).map((b) => backupView({ app, env }, b)),
);

export const POST = route({ permission: 'backups:run', body: createBackupBody }, async ({ app, env, body, principal }) => {
  try {
    const id = await startBackup({ app, env }, body.target, 'manual', principal.username);
    return NextResponse.json({ id }, { status: 202 });
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'backup.run', target: body.target, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
