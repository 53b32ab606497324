// socket.io events of the stats area: subscribe to a container's samples (the ack carries the last
// 10 minutes), unsubscribe, and the overview's compact batch. A socket's subscriptions end with it.
import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { AppEnv } from '../app';
import { onEvent } from '../socket/socket-server';
import { HttpError } from '../http/errors';
import { STATS_EVENTS, statsSubscribe, statsUnsubscribe } from '../contract/stats';
import { overviewRoom, statsHub, statsRoom } from './stats-hub';

export function registerStatsSocket(ae: AppEnv, socket: Socket) {
  const hub = statsHub(ae);
  const resolve = (ref: string) => {
    const c = ae.env.watcher.find(ref);
    if (!c) throw new HttpError(404, `no container ${ref}`);
    return c;
  };

  onEvent(ae, socket, STATS_EVENTS.subscribe, 'read', statsSubscribe, async ({ containerId }) => {
    const c = resolve(containerId);
    await socket.join(statsRoom(c.id));
    const history = hub.acquire(c.id, socket.id);
    return { containerId: c.id, running: c.state === 'running', history };
  });

  onEvent(ae, socket, STATS_EVENTS.unsubscribe, 'read', statsUnsubscribe, async ({ containerId }) => {
    const c = resolve(containerId);
    await socket.leave(statsRoom(c.id));
    hub.release(c.id, socket.id);
  });

  onEvent(ae, socket, STATS_EVENTS.overviewSubscribe, 'read', z.object({}).passthrough().optional(), async () => {
    await socket.join(overviewRoom(ae.env.name));
    return { samples: hub.joinOverview(socket.id), intervalMs: hub.settings.SLIPWAY_STATS_OVERVIEW_MS };
  });

  onEvent(ae, socket, STATS_EVENTS.overviewUnsubscribe, 'read', z.object({}).passthrough().optional(), async () => {
    await socket.leave(overviewRoom(ae.env.name));
    hub.leaveOverview(socket.id);
  });

  socket.on('disconnect', () => hub.releaseAll(socket.id));
}
