// swarm:watch / swarm:unwatch (pushed progress of one service) and swarm:logs:subscribe /
// swarm:logs:unsubscribe (a service's logs). Every event goes through onEvent (session re-check, the
// permission function, zod); a socket's log followers end with it.
import type { Socket } from 'socket.io';
import type { AppEnv } from '../app';
import { SWARM_EVENTS, swarmLogsSubscribeSchema, swarmLogsUnsubscribeSchema, swarmWatchSchema } from '../contract';
import { HttpError } from '../http/errors';
import { onEvent } from '../socket/socket-server';
import { swarmProgress } from './progress';
import { inspectService } from './services';
import { ServiceLogFollower } from './service-logs';

const MAX_LOGS_PER_SOCKET = 8;

export function registerSwarmSocket(ae: AppEnv, socket: Socket) {
  const followers = new Map<string, ServiceLogFollower>();

  onEvent(ae, socket, SWARM_EVENTS.watch, 'read', swarmWatchSchema, async ({ serviceId }) => {
    const s = await inspectService(ae.env.docker, serviceId);
    swarmProgress(ae).watch(socket, s.ID);
    return { serviceId: s.ID };
  });

  onEvent(ae, socket, SWARM_EVENTS.unwatch, 'read', swarmWatchSchema, async ({ serviceId }) => {
    swarmProgress(ae).unwatch(socket, serviceId);
  });

  onEvent(ae, socket, SWARM_EVENTS.logsSubscribe, 'read', swarmLogsSubscribeSchema, async ({ serviceId, tail }) => {
    if (followers.size >= MAX_LOGS_PER_SOCKET) throw new HttpError(429, `at most ${MAX_LOGS_PER_SOCKET} service log subscriptions per connection`);
    const s = await inspectService(ae.env.docker, serviceId);
    const f = new ServiceLogFollower(ae, socket, s);
    followers.set(f.id, f);
    try {
      await f.start(tail);
    } catch (e) {
      f.close();
      followers.delete(f.id);
      throw e;
    }
    return { subscriptionId: f.id, serviceId: s.ID, serviceName: s.Spec.Name };
  });

  onEvent(ae, socket, SWARM_EVENTS.logsUnsubscribe, 'read', swarmLogsUnsubscribeSchema, async ({ subscriptionId }) => {
    followers.get(subscriptionId)?.close();
    followers.delete(subscriptionId);
  });

  socket.on('disconnect', () => {
    for (const f of followers.values()) f.close();
    followers.clear();
  });
}
