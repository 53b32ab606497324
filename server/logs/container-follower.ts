// One Docker follow stream per container, shared by every viewer of it (the hub counts references).
// When the stream ends it works out why: the container still runs (engine restarted, stream cut) ->
// reopen at once from the last timestamp; it stopped -> say so and wait for it to start again; it
// was removed -> say so and stop; the engine is away -> say so and retry until it answers.
// Reopening asks Docker for `since` = last ts (inclusive) and drops lines at or before it, so a
// resume has neither gaps nor duplicates.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { rfc3339ToNanos, type ContainerChangedEvent, type EngineStatus, type LogLine } from '../contract';
import type { ContainerWatcher } from '../docker/container-watcher';
import { inspectForLogs, openDockerLogs, type ContainerLogInfo } from './docker-logs';
import { LogParser } from './log-parser';

export type FollowerState = 'opening' | 'following' | 'ended' | 'reconnecting' | 'removed' | 'closed';

export interface FollowerStatus {
  state: 'following' | 'ended' | 'reconnecting';
  message: string;
  exitCode?: number | null;
}

/** Emits 'lines' (LogLine[]) and 'status' (FollowerStatus). */
export class ContainerFollower extends EventEmitter {
  state: FollowerState = 'opening';
  /** last timestamp passed on (normalised RFC3339Nano); '' before the first line */
  lastTs = '';
  private resumeNs: bigint;
  private stream: Readable | null = null;
  private retry: NodeJS.Timeout | null = null;
  private quickEnds = 0;
  readonly ready: Promise<void>;

  constructor(private docker: Docker, private watcher: ContainerWatcher, public info: ContainerLogInfo) {
    super();
    this.setMaxListeners(0);
    this.resumeNs = BigInt(Date.now()) * 1_000_000n;
    watcher.on('changed', this.onChanged);
    watcher.on('engine', this.onEngine);
    this.ready = this.open(true);
  }

  /** (a getter: TypeScript would otherwise narrow `state` across awaits) */
  private get isClosed() {
    return this.state === 'closed';
  }

  close() {
    this.state = 'closed';
    this.watcher.off('changed', this.onChanged);
    this.watcher.off('engine', this.onEngine);
    if (this.retry) clearTimeout(this.retry);
    this.stream?.destroy();
    this.stream = null;
    this.removeAllListeners();
  }

  /** Test hook and engine-restart path alike: the stream ends under us. */
  cutStream() {
    this.stream?.destroy();
  }

  /** the engine said the container was removed (it may have said so while the stream was still ending) */
  private removedSeen = false;

  private onChanged = (ev: ContainerChangedEvent) => {
    if (ev.id !== this.info.id || this.isClosed) return;
    if (ev.removed) {
      // while following, the stream's end (afterEnd) decides; it must know, as its inspect may predate the removal
      this.removedSeen = true;
      if (this.state !== 'following') return this.markRemoved();
    }
    if (ev.state === 'running' && this.state === 'ended') {
      this.status('following', 'container started again; following');
      void this.open(false);
    }
  };

  private onEngine = (s: EngineStatus) => {
    if (s.reachable && this.state === 'reconnecting') void this.afterEnd();
  };

  private async open(first: boolean): Promise<void> {
    if (this.isClosed) return;
    this.state = 'opening';
    const sinceNs = this.lastTs ? undefined : this.resumeNs;
    let stream: Readable;
    try {
      stream = await openDockerLogs(this.docker, this.info.id, first
        ? { follow: true, tail: 0 }
        : { follow: true, tail: 'all', sinceNs: this.lastTs ? tsNs(this.lastTs) : sinceNs });
    } catch (e) {
      if (this.isClosed) return;
      return this.afterEnd(e);
    }
    if (this.isClosed) {
      stream.destroy();
      return;
    }
    const openedAt = Date.now();
    this.stream = stream;
    this.state = 'following';
    const parser = new LogParser(this.info.id, this.info.tty);
    stream.on('data', (chunk: Buffer) => this.deliver(parser.push(chunk)));
    let done = false;
    const ended = () => {
      if (done) return;
      done = true;
      this.deliver(parser.flush());
      if (this.stream === stream) this.stream = null;
      if (this.isClosed) return;
      // A stream that keeps ending at once must not spin: back off a little.
      this.quickEnds = Date.now() - openedAt < 1000 ? this.quickEnds + 1 : 0;
      void this.afterEnd();
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
  }

  private deliver(lines: LogLine[]) {
    if (lines.length === 0 || this.isClosed) return;
    let fresh = lines;
    if (this.lastTs && lines[0].ts <= this.lastTs) fresh = lines.filter((l) => l.ts > this.lastTs);
    if (fresh.length === 0) return;
    const last = fresh[fresh.length - 1].ts;
    if (last) this.lastTs = last;
    this.emit('lines', fresh);
  }

  /** The follow stream ended or could not open: find out why and act on it. */
  private async afterEnd(err?: unknown) {
    if (this.isClosed) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    let info: ContainerLogInfo;
    try {
      info = await inspectForLogs(this.docker, this.info.id);
    } catch (e) {
      if (this.isClosed) return;
      if ((e as { statusCode?: number }).statusCode === 404) return this.markRemoved();
      if (this.state !== 'reconnecting') this.status('reconnecting', 'Docker engine is not answering; resuming from the last line when it returns');
      this.state = 'reconnecting';
      this.retry = setTimeout(() => void this.afterEnd(), 1000);
      return;
    }
    if (this.isClosed) return;
    // removed while the inspect was under way (docker rm -f): its answer is older than the removal
    if (this.removedSeen) return this.markRemoved();
    this.info = { ...this.info, running: info.running };
    if (info.running) {
      if (this.state === 'reconnecting') this.status('following', 'reconnected; following from the last line seen');
      const wait = this.quickEnds > 2 || err ? Math.min(2000, 100 * 2 ** Math.min(this.quickEnds, 5)) : 0;
      this.state = 'reconnecting';
      this.retry = setTimeout(() => void this.open(false), wait);
      return;
    }
    if (this.state !== 'ended') {
      this.state = 'ended';
      const exit = this.watcher.containers.get(this.info.id)?.exitCode;
      this.status('ended', `container stopped${exit !== undefined && exit !== null ? ` (exit code ${exit})` : ''}; the stream resumes if it starts again`, exit ?? null);
      // It may have started again while we looked (docker restart): the watcher knows.
      if (this.quickEnds < 3 && this.watcher.containers.get(this.info.id)?.state === 'running') this.onChanged({ id: this.info.id, state: 'running', health: 'none' });
    }
  }

  private markRemoved() {
    if (this.state === 'removed' || this.isClosed) return;
    this.state = 'removed';
    this.stream?.destroy();
    this.status('ended', 'container removed; stream ended');
  }

  private status(state: FollowerStatus['state'], message: string, exitCode?: number | null) {
    this.emit('status', { state, message, ...(exitCode !== undefined ? { exitCode } : {}) } satisfies FollowerStatus);
  }
}

function tsNs(ts: string): bigint {
  return rfc3339ToNanos(ts) ?? BigInt(Date.now()) * 1_000_000n;
}
