// One viewer's subscription: one container or every replica of a service. It attaches to the shared
// followers first (so nothing written meanwhile is lost), then reads the history it asked for (tail,
// since) straight from Docker, and finally switches to the live lines held back meanwhile, dropping
// those the history already had (timestamps at or before the last one sent).
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Socket } from 'socket.io';
import type { AppEnv } from '../app';
import { LOGS_EVENTS, type ContainerChangedEvent, type LogLine } from '../contract';
import type { ContainerFollower, FollowerStatus } from './container-follower';
import { inspectForLogs, openDockerLogs, readLogChunks, type ContainerLogInfo } from './docker-logs';
import { logHub } from './log-hub';
import { mergeByTs, ReorderWindow } from './merge';
import { OutboundQueue } from './outbound-queue';
import { transportBusy, whenTransportReady } from '../socket/transport-backlog';

const BATCH = 4000;
/** History waits for the viewer past this many queued lines (it is never dropped, only paced). */
const HISTORY_AHEAD = 40_000;
const REORDER_MS = 100;

interface Feed {
  info: ContainerLogInfo;
  follower: ContainerFollower;
  live: boolean;
  held: (LogLine[] | FollowerStatus)[];
  lastTs: string;
  off: () => void;
}

export interface SubscriptionOptions {
  tail: number | 'all';
  /** exclusive lower bound, normalised ts */
  sinceTs?: string;
  sinceNs?: bigint;
  /** a service's replicas, or with no `service` every container of the project */
  service?: { project: string; service?: string };
  highWater?: number;
}

export class LogSubscription {
  readonly id = crypto.randomBytes(8).toString('hex');
  private feeds = new Map<string, Feed>();
  readonly queue: OutboundQueue;
  private window: ReorderWindow | null;
  private releaseTimer: NodeJS.Timeout | null = null;
  private pumpPending = false;
  private cancelWait: (() => void) | null = null;
  private started = false;
  private closed = false;
  private histories = new Set<AsyncGenerator<LogLine[]>>();
  private historyStreams = new Set<Readable>();

  constructor(private ae: AppEnv, private socket: Socket, private opts: SubscriptionOptions) {
    this.queue = new OutboundQueue(opts.highWater ?? 10_000);
    this.window = opts.service ? new ReorderWindow(REORDER_MS) : null;
    if (opts.service) ae.env.watcher.on('changed', this.onContainerChanged);
  }

  get containerIds() {
    return [...this.feeds.keys()];
  }

  /** Attaches to the followers; history and live lines start flowing after the ack (see start()). */
  async attach(containers: ContainerLogInfo[]) {
    for (const info of containers) this.addFeed(info);
    await Promise.all([...this.feeds.values()].map((f) => f.follower.ready));
  }

  start() {
    setImmediate(() => {
      this.started = true;
      void this.readHistory([...this.feeds.values()]).catch((e) => this.fail(e));
    });
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.ae.env.watcher.off('changed', this.onContainerChanged);
    for (const f of this.feeds.values()) this.dropFeed(f);
    for (const h of this.histories) void h.return(undefined);
    for (const s of this.historyStreams) s.destroy();
    if (this.releaseTimer) clearInterval(this.releaseTimer);
    this.cancelWait?.();
    this.queue.clear();
  }

  private addFeed(info: ContainerLogInfo): Feed {
    const follower = logHub(this.ae).acquire(info);
    const feed: Feed = { info, follower, live: false, held: [], lastTs: this.opts.sinceTs ?? '', off: () => {} };
    const onLines = (lines: LogLine[]) => (feed.live ? this.liveLines(feed, lines) : feed.held.push(lines));
    const onStatus = (s: FollowerStatus) => (feed.live ? this.liveStatus(feed, s) : feed.held.push(s));
    follower.on('lines', onLines);
    follower.on('status', onStatus);
    feed.off = () => {
      follower.off('lines', onLines);
      follower.off('status', onStatus);
    };
    this.feeds.set(info.id, feed);
    return feed;
  }

  private dropFeed(f: Feed) {
    f.off();
    logHub(this.ae).release(f.follower);
    this.feeds.delete(f.info.id);
  }

  /** History of the given feeds (merged by time when several), then each goes live. */
  private async readHistory(feeds: Feed[]) {
    const sources: AsyncGenerator<LogLine[]>[] = [];
    // Several feeds: every history ends at one instant, taken after the followers attached (their lines are held
    // from then on). Otherwise a history opened later would carry lines that an earlier-opened feed only sends
    // live, after the merged history, out of order.
    const untilNs = feeds.length > 1 ? BigInt(Date.now()) * 1_000_000n : undefined;
    for (const f of feeds) {
      const stream = await openDockerLogs(this.ae.env.docker, f.info.id, { follow: false, tail: this.opts.tail, sinceNs: this.opts.sinceNs, untilNs });
      this.historyStreams.add(stream);
      stream.once('close', () => this.historyStreams.delete(stream));
      if (this.closed) return stream.destroy();
      const gen = readLogChunks(stream, f.info);
      this.histories.add(gen);
      sources.push(gen);
    }
    const merged = sources.length === 1 ? sources[0] : mergeByTs(sources, BATCH);
    const since = this.opts.sinceTs ?? '';
    const single = feeds.length === 1 ? feeds[0] : null;
    try {
      for await (let chunk of merged) {
        if (this.closed) return;
        if (since && chunk[0].ts <= since) chunk = chunk.filter((l) => l.ts > since);
        if (chunk.length === 0) continue;
        if (single) single.lastTs = chunk[chunk.length - 1].ts;
        else for (const l of chunk) { const f = this.feeds.get(l.containerId); if (f) f.lastTs = l.ts; }
        this.queue.pushLines(chunk, false);
        this.schedulePump();
        if (this.queue.lineCount >= HISTORY_AHEAD) await this.queue.room(HISTORY_AHEAD / 2);
      }
    } finally {
      for (const s of sources) this.histories.delete(s);
    }
    if (this.closed) return;
    for (const f of feeds) this.goLive(f);
  }

  private goLive(f: Feed) {
    f.live = true;
    const held = f.held;
    f.held = [];
    for (const item of held) {
      if (Array.isArray(item)) this.liveLines(f, item);
      else this.liveStatus(f, item);
    }
  }

  private liveLines(f: Feed, lines: LogLine[]) {
    if (this.closed) return;
    let fresh = lines;
    if (f.lastTs && lines[0].ts <= f.lastTs) fresh = lines.filter((l) => l.ts > f.lastTs);
    if (fresh.length === 0) return;
    f.lastTs = fresh[fresh.length - 1].ts;
    if (this.window) {
      this.window.add(fresh);
      this.releaseTimer ??= setInterval(() => this.releaseWindow(false), REORDER_MS / 2);
    } else {
      this.queue.pushLines(fresh, true);
      this.schedulePump();
    }
  }

  private releaseWindow(all: boolean) {
    if (!this.window) return;
    const ready = this.window.release(Date.now(), all);
    if (ready.length) {
      this.queue.pushLines(ready, true);
      this.schedulePump();
    }
    if (this.window.size === 0 && this.releaseTimer) {
      clearInterval(this.releaseTimer);
      this.releaseTimer = null;
    }
  }

  private liveStatus(f: Feed, s: FollowerStatus) {
    if (this.closed) return;
    this.releaseWindow(true);
    this.queue.pushStatus({ containerId: f.info.id, containerName: f.info.name, state: s.state, message: s.message, ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}) });
    this.schedulePump();
    // A removed replica leaves a service view; a removed single container ends the subscription's only feed.
    if (this.opts.service && f.follower.state === 'removed') this.dropFeed(f);
  }

  private onContainerChanged = (ev: ContainerChangedEvent) => {
    const svc = this.opts.service;
    const c = ev.container;
    if (!svc || !c || ev.removed || this.closed || this.feeds.has(c.id)) return;
    if (c.project !== svc.project || (svc.service !== undefined && c.service !== svc.service)) return;
    void inspectForLogs(this.ae.env.docker, c.id)
      .then(async (info) => {
        if (this.closed || this.feeds.has(info.id)) return;
        const feed = this.addFeed(info);
        await feed.follower.ready;
        this.queue.pushStatus({ containerId: info.id, containerName: info.name, state: 'following', message: 'new replica joined the view' });
        await this.readHistory([feed]);
      })
      .catch(() => undefined);
  };

  private fail(e: unknown) {
    if (this.closed) return;
    console.error('[slipway] log subscription failed:', e);
    for (const f of this.feeds.values()) this.queue.pushStatus({ containerId: f.info.id, containerName: f.info.name, state: 'ended', message: `could not read the log: ${(e as Error).message}` });
    this.schedulePump();
  }

  private schedulePump() {
    if (this.pumpPending || !this.started || this.closed) return;
    this.pumpPending = true;
    setImmediate(() => {
      this.pumpPending = false;
      this.pump();
    });
  }

  /** Sends queued entries while the connection keeps up; otherwise waits for it to drain. */
  private pump() {
    while (!this.closed && !this.queue.empty) {
      if (!this.socket.connected) return this.close();
      if (transportBusy(this.socket)) {
        this.cancelWait ??= whenTransportReady(this.socket, () => {
          this.cancelWait = null;
          this.pump();
        });
        return;
      }
      const e = this.queue.shift(BATCH)!;
      const subscriptionId = this.id;
      if (e.kind === 'lines') this.socket.emit(LOGS_EVENTS.lines, { subscriptionId, lines: e.lines });
      else if (e.kind === 'skipped') this.socket.emit(LOGS_EVENTS.skipped, { subscriptionId, ...e.ev });
      else this.socket.emit(LOGS_EVENTS.status, { subscriptionId, ...e.ev });
    }
  }
}
