import { route } from '@/server/http/route-handler';
import { auditExportQuery } from '@/server/contract';
import { auditExport } from '@/server/audit/audit-export';
import { auditEnvFilter } from '@/server/audit/audit-log';
import { catalogEnv } from '@/server/environments/registry';

export const dynamic = 'force-dynamic';

// The filtered log as CSV or JSON lines, streamed a page at a time; details as the caller may read them.
export const GET = route({ permission: 'read', query: auditExportQuery }, async ({ app, env, req, query, principal }) => {
  const { format, ...filters } = query;
  const { body, contentType, filename } = auditExport(app.db, principal, filters, format, auditEnvFilter(req, env.name, catalogEnv({ app, env }).defaultName));
  return new Response(body, { headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } });
});
