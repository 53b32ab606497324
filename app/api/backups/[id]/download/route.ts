import fs from 'node:fs';
import { Readable } from 'node:stream';
import { route } from '@/server/http/route-handler';
import { backupIdParam } from '@/server/contract';
import { HttpError } from '@/server/http/errors';
import { backupFilePath, getBackup } from '@/server/backups/catalog';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

// Streamed from disk (never read into memory), with the catalog's sha256 in a header to check against.
export const GET = route({ permission: 'backups:run', params: backupIdParam }, async ({ app, params, principal }) => {
  const b = getBackup(app.db, params.id);
  if (!b) throw new HttpError(404, `no backup ${params.id}`);
  if (!b.fileName || !b.sha256) throw new HttpError(409, `backup ${b.id} is ${b.status} and has no file`);
  const file = backupFilePath(app.config.dataDir, b.fileName);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new HttpError(404, `the file of backup ${b.id} is missing`);
  }
  recordAudit(app.db, { username: principal.username, action: 'backup.download', target: b.target, result: 'ok', detail: { id: b.id } });
  const body = Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) as ReadableStream;
  return new Response(body, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${b.fileName}"`,
      'x-backup-sha256': b.sha256,
      digest: `sha-256=${Buffer.from(b.sha256, 'hex').toString('base64')}`,
      'cache-control': 'no-store',
    },
  });
});
