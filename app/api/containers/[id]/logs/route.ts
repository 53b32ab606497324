// GET /api/containers/:id/logs?tail=&since=&until=&timestamps=&grep=&stream= : text/plain, streamed.
import { route } from '@/server/http/route-handler';
import { containerIdParam, logsDownloadQuery } from '@/server/contract';
import { logDownload } from '@/server/logs/logs-download';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', params: containerIdParam, query: logsDownloadQuery }, async ({ app, env, params, query }) => {
  const { info, body } = await logDownload({ app, env }, params.id, query);
  return new Response(body, {
    headers: {
      'content-type': query.format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${info.name.replace(/[^a-zA-Z0-9_.-]/g, '_')}.${query.format === 'jsonl' ? 'jsonl' : 'log'}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
