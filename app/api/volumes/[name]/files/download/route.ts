// GET /api/volumes/:name/files/download?path=: a file or a tar of a folder from a volume, streamed; the
// helper container goes when the stream closes. Recorded in the audit log (files may hold secrets).
import { route } from '@/server/http/route-handler';
import { fileDownloadQuery, volumeNameParam } from '@/server/contract';
import { downloadPath, normalizeFilePath, volumeSource } from '@/server/files';
import { downloadResponse } from '@/server/files/download-response';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'files:read', params: volumeNameParam, query: fileDownloadQuery }, async ({ app, env, params, query, principal }) => {
  const p = normalizeFilePath(query.path);
  const src = await volumeSource(env, params.name);
  try {
    const d = await downloadPath(src, p);
    recordAudit(app.db, { username: principal.username, action: 'volume.file.download', target: params.name, result: 'ok', detail: { path: p } });
    return downloadResponse(d);
  } catch (e) {
    await src.release();
    throw e;
  }
});
