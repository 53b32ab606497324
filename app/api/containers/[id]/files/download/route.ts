// GET /api/containers/:id/files/download?path=: a file, or a tar of a folder, streamed.
import { route } from '@/server/http/route-handler';
import { containerIdParam, fileDownloadQuery } from '@/server/contract';
import { containerSource, downloadPath, normalizeFilePath } from '@/server/files';
import { downloadResponse } from '@/server/files/download-response';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'files:read', params: containerIdParam, query: fileDownloadQuery }, async ({ env, params, query }) => {
  return downloadResponse(await downloadPath(containerSource(env, params.id), normalizeFilePath(query.path)));
});
