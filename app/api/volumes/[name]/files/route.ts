// GET /api/volumes/:name/files?path=: the volume's listing, read through a helper container (read-only mount).
import { route } from '@/server/http/route-handler';
import { pathQuery, volumeNameParam } from '@/server/contract';
import { listFiles, normalizeFilePath, volumeSource } from '@/server/files';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'files:read', params: volumeNameParam, query: pathQuery }, async ({ env, params, query }) => {
  const p = normalizeFilePath(query.path);
  const src = await volumeSource(env, params.name);
  try {
    return await listFiles(src, p);
  } finally {
    await src.release();
  }
});
