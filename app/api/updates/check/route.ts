import { NextResponse } from 'next/server';
import { route } from '@/server/http/route-handler';
import { updateCheckBody } from '@/server/contract';
import { updateChecker } from '@/server/updates/checker';
import { recordAudit } from '@/server/audit/audit-log';

export const dynamic = 'force-dynamic';

/** "check now": 202 at once; `?wait=1` answers with the results when the check ends */
export const POST = route({ permission: 'updates:check' }, async ({ app, env, req, principal }) => {
  const text = await req.text();
  let raw: unknown;
  try {
    raw = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return NextResponse.json({ error: 'body must be JSON' }, { status: 400 });
  }
  const parsed = updateCheckBody.safeParse(raw);
  if (!parsed.success) return NextResponse.json({ error: `invalid body: ${parsed.error.issues[0]?.message}` }, { status: 400 });
  const only = parsed.data?.containerId;
  const run = updateChecker(app, env).check(true, only ? (c) => c.id === only || c.id.startsWith(only) || c.name === only : undefined);
  recordAudit(app.db, { username: principal.username, action: 'updates.check', target: only ?? null, result: 'ok' });
  if (new URL(req.url).searchParams.get('wait') === '1') return NextResponse.json(await run, { status: 200 });
  run.catch(() => undefined);
  return NextResponse.json({ started: true }, { status: 202 });
});
