import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { serviceUpdateParams } from '@/server/contract';
import { startServiceUpdate } from '@/server/updates/apply-update';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

/** one-click update: pull, recreate through compose, wait for health, roll back on failure (GET /api/updates/jobs/:id) */
export const POST = route({ permission: 'updates:apply', params: serviceUpdateParams }, async ({ app, env, params, principal }) => {
  try {
    const { job } = await startServiceUpdate(app, env, params.name, params.service, principal.username);
    return NextResponse.json({ id: job.id }, { status: 202 });
  } catch (e) {
    recordAudit(app.db, { username: principal.username, action: 'service.update', target: `${params.name}/${params.service}`, result: 'failed', detail: (e as Error).message });
    throw e;
  }
});
