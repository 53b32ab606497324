// logs:subscribe / logs:unsubscribe. Every event goes through onEvent (session re-check, the
// permission function, zod); a socket's subscriptions end with it.
import type { Socket } from 'socket.io';
import type { AppEnv } from '../app';
import { LOGS_EVENTS, logsSubscribeSchema, type LogsSubscribe, logsUnsubscribeSchema, nanosToTs, parseTimeParam } from '../contract';
import { HttpError } from '../http/errors';
import { onEvent } from '../socket/socket-server';
import { inspectForLogs, type ContainerLogInfo } from './docker-logs';
import { LogSubscription } from './log-subscription';

const MAX_PER_SOCKET = 16;

export function registerLogsSocket(ae: AppEnv, socket: Socket) {
  const subs = new Map<string, LogSubscription>();
  // subscriptions being set up count against the cap before their first await (issue 15)
  let pending = 0;

  onEvent(ae, socket, LOGS_EVENTS.subscribe, 'read', logsSubscribeSchema, async (req) => {
    if (subs.size + pending >= MAX_PER_SOCKET) throw new HttpError(429, `at most ${MAX_PER_SOCKET} log subscriptions per connection`);
    pending++;
    // the reservation passes to `subs` the moment the subscription is stored, never counted twice
    const slot = { held: true, release: () => { if (slot.held) { slot.held = false; pending--; } } };
    try {
      return await subscribe(req, slot.release);
    } finally {
      slot.release();
    }
  });

  const subscribe = async (req: LogsSubscribe, releaseReservation: () => void) => {
    let containers: ContainerLogInfo[];
    let service: { project: string; service?: string } | undefined;
    if ('containerId' in req) {
      try {
        containers = [await inspectForLogs(ae.env.docker, ae.env.watcher.find(req.containerId)?.id ?? req.containerId)];
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(404, `no container ${req.containerId}`);
        throw e;
      }
    } else {
      service = { project: req.project, service: req.service };
      const ids = ae.env.watcher.list().filter((c) => c.project === req.project && (req.service === undefined || c.service === req.service)).map((c) => c.id);
      if (ids.length === 0) throw new HttpError(404, req.service ? `no containers for service ${req.project}/${req.service}` : `no containers in stack ${req.project}`);
      containers = (await Promise.all(ids.map((id) => inspectForLogs(ae.env.docker, id).catch(() => null)))).filter((c): c is ContainerLogInfo => c !== null);
    }
    const sinceNs = req.since ? parseTimeParam(req.since)! : undefined;
    const sub = new LogSubscription(ae, socket, { tail: req.tail, sinceNs, sinceTs: sinceNs !== undefined ? nanosToTs(sinceNs) : undefined, service });
    subs.set(sub.id, sub);
    releaseReservation();
    try {
      await sub.attach(containers);
    } catch (e) {
      sub.close();
      subs.delete(sub.id);
      throw e;
    }
    if (socket.disconnected) {
      // the connection ended (revoked, closed) while this one was being set up: its disconnect handler already ran
      sub.close();
      subs.delete(sub.id);
      throw new HttpError(401, 'connection closed');
    }
    sub.start();
    return { subscriptionId: sub.id, containers: containers.map((c) => ({ id: c.id, name: c.name, tty: c.tty, running: c.running })) };
  };

  onEvent(ae, socket, LOGS_EVENTS.unsubscribe, 'read', logsUnsubscribeSchema, async ({ subscriptionId }) => {
    subs.get(subscriptionId)?.close();
    subs.delete(subscriptionId);
  });

  socket.on('disconnect', () => {
    for (const s of subs.values()) s.close();
    subs.clear();
  });
}
