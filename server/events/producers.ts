// Starts the timeline's producers that listen rather than being called: Docker's container events of
// one environment (each environment's watcher feeds its own), and, once per process, the audit log.
// Producers inside a flow (switch, deploy, backup, stack operation, update, probes, restart loops) call
// recordEvent where the flow ends.
import type { AppEnv } from '../app';
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
export function startContainerEvents(ae: AppEnv) {
  ae.env.watcher.on('docker-event', (ev: DockerContainerEvent) => {
    const e = fromDockerEvent(ev);
    if (e) recordEvent(ae, e);
  });
  errorRate(ae);
}

export function stopContainerEvents(ae: AppEnv) {
  errorRate(ae).stop();
}

/** Once per process (with the default environment): audit entries become `user.action`, and pruning runs. */
export function startProcessEvents(ae: AppEnv): () => void {
  const stopPrune = startEventPruning(ae.app.db, ae.app.config.SLIPWAY_EVENTS_RETENTION);
  const off = onAudit((entry) => {
    const { env, event } = fromAudit(entry, ae.env.name);
    const known = (() => {
      try {
        return environments(ae).has(env) ? env : ae.env.name;
      } catch {
        return ae.env.name;
      }
    })();
    try {
      const stored = insertEvent(ae.app.db, known, event);
      ae.app.io()?.to(environmentRoom(known)).emit(EVENT_NEW, stored);
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
