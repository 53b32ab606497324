// Timeline events of slot switches and deploys, recorded where the notifier is told (server/slots).
// The group's stack is the compose project of its members, so the event lands on that stack's lanes.
import type { AppEnv } from '../app';
import { recordEvent } from './record';

function projectOfGroup(ae: AppEnv, group: string): string | null {
  return ae.env.watcher.list().find((c) => c.labels?.['slipway.slot.group'] === group && c.project)?.project ?? null;
}

export function recordSlotEvent(ae: AppEnv, kind: 'slot.switched' | 'slot.deployed', ok: boolean, summary: string, detail: Record<string, unknown>) {
  recordEvent(ae, { project: projectOfGroup(ae, String(detail.group)), service: null, container: null, kind, severity: ok ? 'info' : 'critical', summary, detail });
}
