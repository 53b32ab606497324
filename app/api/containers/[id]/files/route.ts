// GET /api/containers/:id/files?path= -> [{name, type, size, mode, uid, gid, mtime, linkTarget?}]
// PUT /api/containers/:id/files?path= (admin): the body is the file's content; audited.
import { route } from '@/server/http/route-handler';
import { containerIdParam, pathQuery, fileUploadQuery } from '@/server/contract';
import { containerSource, listFiles, normalizeFilePath, uploadFile, UPLOAD_LIMIT_BYTES } from '@/server/files';
import { HttpError } from '@/server/http/errors';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'files:read', params: containerIdParam, query: pathQuery }, async ({ env, params, query }) => {
  return listFiles(containerSource(env, params.id), normalizeFilePath(query.path));
});

export const PUT = route({ permission: 'files:write', params: containerIdParam, query: fileUploadQuery }, async ({ app, env, req, params, query, principal }) => {
  const length = Number(req.headers.get('content-length'));
  if (!req.headers.get('content-length') || !Number.isSafeInteger(length) || length < 0) throw new HttpError(411, 'Content-Length is required');
  if (length > UPLOAD_LIMIT_BYTES) throw new HttpError(413, `uploads are limited to ${UPLOAD_LIMIT_BYTES} bytes`);
  const src = containerSource(env, params.id);
  const p = normalizeFilePath(query.path);
  try {
    const r = await uploadFile(src, p, req.body, length);
    recordAudit(app.db, { username: principal.username, action: 'container.file.upload', target: src.label, result: 'ok', detail: { path: p, size: length, replaced: r.replaced } });
    return r;
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'container.file.upload', target: src.label, result: 'failed', detail: `${p}: ${(e as Error).message}` });
    throw e;
  }
});
