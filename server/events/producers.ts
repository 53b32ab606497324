// Starts the timeline's producers that listen rather than being called: Docker's container events of
// one environment (each environment's watcher feeds its own), and, once per process, the audit log.
// Producers inside a flow (switch, deploy, backup, stack operation, update, probes, restart loops) call
// recordEvent where the flow ends.
import type { AppContext } from '../context';
import { onAudit } from '../audit/audit-log';
import type { DockerContainerEvent } from '../docker/container-watcher';
import { environments } from '../environments/registry';
import { fromAudit } from './audit-events';
import { fromDockerEvent } from './container-events';
import { insertEvent, recordEvent } from './record';
import { startEventPruning } from './retention';
import { errorRate } from './error-rate';
import { EVENT_NEW } from '../contract';
import { environmentRoom } from '../app';
import { publishEvent } from './bus';

/** One environment's container events, and its error-log rate counter (server/events/error-rate.ts). */
export function startContainerEvents(ctx: AppContext) {
  ctx.watcher.on('docker-event', (ev: DockerContainerEvent) => {
    const e = fromDockerEvent(ev);
    if (e) recordEvent(ctx, e);
  });
  errorRate(ctx);
}

export function stopContainerEvents(ctx: AppContext) {
  errorRate(ctx).stop();
}

/** Once per process (the default context): audit entries become `user.action`, and pruning runs. */
export function startProcessEvents(ctx: AppContext): () => void {
  const stopPrune = startEventPruning(ctx.db, ctx.config.SLIPWAY_EVENTS_RETENTION);
  const off = onAudit((entry) => {
    const { env, event } = fromAudit(entry, ctx.env);
    const known = (() => {
      try {
        return environments(ctx).has(env) ? env : ctx.env;
      } catch {
        return ctx.env;
      }
    })();
    try {
      const stored = insertEvent(ctx.db, known, event);
      ctx.io?.to(environmentRoom(known)).emit(EVENT_NEW, stored);
      publishEvent(stored);
    } catch (err) {
      console.error('[events] could not record user.action:', (err as Error).message);
    }
  });
  return () => {
    off();
    stopPrune();
  };
}
