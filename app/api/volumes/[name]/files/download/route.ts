// GET /api/volumes/:name/files/download?path=: a file or a tar of a folder from a volume, streamed; the
// helper container goes when the stream closes.
import { route } from '@/server/http/route-handler';
import { fileDownloadQuery, volumeNameParam } from '@/server/contract';
import { downloadPath, normalizeFilePath, volumeSource } from '@/server/files';
import { downloadResponse } from '@/server/files/download-response';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'files:read', params: volumeNameParam, query: fileDownloadQuery }, async ({ env, params, query }) => {
  const p = normalizeFilePath(query.path);
  const src = await volumeSource(env, params.name);
  try {
    return downloadResponse(await downloadPath(src, p));
  } catch (e) {
    await src.release();
    throw e;
  }
});
