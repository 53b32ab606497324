// GET /api/containers/:id/files/download?path=: a file, or a tar of a folder, streamed; recorded in the
// audit log (files may hold secrets).
import { route } from '@/server/http/route-handler';
import { containerIdParam, fileDownloadQuery } from '@/server/contract';
import { containerSource, downloadPath, normalizeFilePath } from '@/server/files';
import { downloadResponse } from '@/server/files/download-response';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'files:read', params: containerIdParam, query: fileDownloadQuery }, async ({ app, env, params, query, principal }) => {
  const src = containerSource(env, params.id);
  const p = normalizeFilePath(query.path);
  const d = await downloadPath(src, p);
  recordAudit(app.db, { username: principal.username, action: 'container.file.download', target: src.label, result: 'ok', detail: { path: p } });
  return downloadResponse(d);
});
