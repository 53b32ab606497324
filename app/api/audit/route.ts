import { route } from '@/server/http/route-handler';
import { auditQuery } from '@/server/contract';
import { listAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const GET = route({ permission: 'read', query: auditQuery }, async ({ ctx, query }) => listAudit(ctx.db, query.limit));
