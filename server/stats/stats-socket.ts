// socket.io events of the stats area: subscribe to a container's samples (the ack carries the last
// 10 minutes), unsubscribe, and the overview's compact batch. A socket's subscriptions end with it.
import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { AppContext } from '../context';
import { onEvent } from '../socket/socket-server';
import { HttpError } from '../http/errors';
import { STATS_EVENTS, statsSubscribe, statsUnsubscribe } from '../contract/stats';
import { overviewRoom, statsHub, statsRoom } from './stats-hub';

export function registerStatsSocket(ctx: AppContext, socket: Socket) {
  const hub = statsHub(ctx);
  const resolve = (ref: string) => {
    const c = ctx.watcher.find(ref);
    if (!c) throw new HttpError(404, `no container ${ref}`);
    return c;
  };

  onEvent(ctx, socket, STATS_EVENTS.subscribe, 'read', statsSubscribe, async ({ containerId }) => {
    const c = resolve(containerId);
    await socket.join(statsRoom(c.id));
    const history = hub.acquire(c.id, socket.id);
    return { containerId: c.id, running: c.state === 'running', history };
  });

  onEvent(ctx, socket, STATS_EVENTS.unsubscribe, 'read', statsUnsubscribe, async ({ containerId }) => {
    const c = resolve(containerId);
    await socket.leave(statsRoom(c.id));
    hub.release(c.id, socket.id);
  });

  onEvent(ctx, socket, STATS_EVENTS.overviewSubscribe, 'read', z.object({}).passthrough().optional(), async () => {
    await socket.join(overviewRoom(ctx.env));
    return { samples: hub.joinOverview(socket.id), intervalMs: hub.settings.SLIPWAY_STATS_OVERVIEW_MS };
  });

  onEvent(ctx, socket, STATS_EVENTS.overviewUnsubscribe, 'read', z.object({}).passthrough().optional(), async () => {
    await socket.leave(overviewRoom(ctx.env));
    hub.leaveOverview(socket.id);
  });

  socket.on('disconnect', () => hub.releaseAll(socket.id));
}
