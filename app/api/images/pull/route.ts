import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { pullImageBody } from '@/server/contract';
import { pullTracker } from '@/server/images/pull-image';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

export const POST = route({ permission: 'images:pull', body: pullImageBody }, async ({ app, env, body, principal }) => {
  const state = pullTracker(env).start(env, app.db, body.reference, (s) =>
    recordAudit(app.db, { username: principal.username, action: 'image.pull', target: body.reference, result: s.status === 'succeeded' ? 'ok' : 'failed', detail: s.error ?? null }),
  );
  return NextResponse.json({ id: state.id }, { status: 202 });
});
