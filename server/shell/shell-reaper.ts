// Sessions whose server died (crash, kill -9, power loss) left their processes in containers and no
// "shell.end" in the audit log. At start, Slipway finds them through the audit log (a shell.open
// without its shell.end), signals what is left of them in their containers, and audits their end.
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import { signalSession } from './shell-exec';

interface Orphan {
  target: string | null;
  username: string | null;
  detail: string;
}

const LOOKBACK_DAYS = 14;

export async function reapOrphanedShells(ae: AppEnv): Promise<number> {
  const since = new Date(Date.now() - LOOKBACK_DAYS * 86_400_000).toISOString();
  const orphans = ae.app.db
    .prepare(
      `SELECT o.target, o.username, o.detail FROM audit_log o
        WHERE o.action = 'shell.open' AND o.result = 'ok' AND o.at >= ?
          AND NOT EXISTS (SELECT 1 FROM audit_log e WHERE e.action = 'shell.end' AND e.at >= o.at
                          AND json_extract(e.detail, '$.sessionId') = json_extract(o.detail, '$.sessionId'))`,
    )
    .all(since) as Orphan[];
  for (const o of orphans) {
    const d = JSON.parse(o.detail) as { sessionId?: string; containerId?: string; command?: string[]; user?: string | null; startedAt?: string };
    if (!d.sessionId || !/^[a-f0-9]{32}$/.test(d.sessionId) || !d.containerId) continue;
    const container = ae.env.docker.getContainer(d.containerId);
    const running = await container.inspect().then((i) => i.State.Running, () => false);
    let signalled: number | null = 0;
    if (running) {
      signalled = await signalSession(container, d.sessionId, 'HUP');
      if (signalled) {
        await new Promise((r) => setTimeout(r, 500));
        await signalSession(container, d.sessionId, 'KILL');
      }
    }
    recordAudit(ae.app.db, {
      username: o.username,
      action: 'shell.end',
      target: o.target,
      result: signalled === null ? 'failed' : 'ok',
      detail: { ...d, endedAt: new Date().toISOString(), exitCode: null, reason: 'server-restart', processesEnded: signalled },
    });
  }
  return orphans.length;
}
