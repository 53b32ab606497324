// One viewer following a swarm service's logs: Docker's /services/{id}/logs (every task, on every
// node) with follow, timestamps and details, demultiplexed by the container log parser, each line
// tagged with its task, and sent to the socket in batches. A slow viewer pauses the Docker stream
// (socket.io transport backlog) instead of piling lines up in memory.
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Socket } from 'socket.io';
import type { AppEnv } from '../app';
import { SWARM_EVENTS, type SwarmLogLine, type SwarmLogsEndedEvent, type SwarmLogsLinesEvent } from '../contract';
import { LogParser } from '../logs/log-parser';
import { transportBusy, whenTransportReady } from '../socket/transport-backlog';
import { listServiceTasks } from './services';
import { nodeNames } from './swarm-engine';
import type { RawService } from './model';

const FLUSH_MS = 100;
const BATCH = 1000;

/** `com.docker.swarm.node.id=..,com.docker.swarm.service.id=..,com.docker.swarm.task.id=.. text` → task id and text */
export function splitDetails(text: string): { taskId: string | null; text: string } {
  if (!text.startsWith('com.docker.swarm.')) {
    // an empty details block still leaves its separating space
    return { taskId: null, text: text.startsWith(' ') ? text.slice(1) : text };
  }
  const sp = text.indexOf(' ');
  const attrs = sp < 0 ? text : text.slice(0, sp);
  const rest = sp < 0 ? '' : text.slice(sp + 1);
  let taskId: string | null = null;
  for (const pair of attrs.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === 'com.docker.swarm.task.id') taskId = decodeURIComponent(pair.slice(eq + 1));
  }
  return { taskId, text: rest };
}

export class ServiceLogFollower {
  readonly id = crypto.randomBytes(8).toString('hex');
  private stream: Readable | null = null;
  private pending: SwarmLogLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  private cancelWait: (() => void) | null = null;
  private taskNames = new Map<string, string>();
  /** task ids a name read was already made for: each new task costs one read, not one per line */
  private tried = new Set<string>();
  private reading: Promise<void> | null = null;
  private closed = false;
  private parser: LogParser;

  constructor(private ae: AppEnv, private socket: Socket, private service: RawService) {
    const tty = Boolean((service.Spec.TaskTemplate.ContainerSpec as { TTY?: boolean } | undefined)?.TTY);
    this.parser = new LogParser('', tty);
  }

  async start(tail: number) {
    await this.readTaskNames();
    const options = { follow: true, stdout: true, stderr: true, timestamps: true, details: true, tail: String(tail) };
    this.stream = await new Promise<Readable>((resolve, reject) =>
      this.ae.env.docker.modem.dial(
        { path: `/services/${encodeURIComponent(this.service.ID)}/logs?`, method: 'GET', isStream: true, statusCodes: { 200: true, 404: 'no such service', 500: 'server error', 503: 'node is not part of a swarm' }, options },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as Readable)),
      ),
    );
    if (this.closed) return this.stream.destroy();
    this.stream.on('data', (chunk: Buffer) => this.take(this.parser.push(chunk)));
    this.stream.on('error', () => this.end('log stream interrupted'));
    this.stream.on('end', () => {
      this.take(this.parser.flush());
      this.end('log stream ended');
    });
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.stream?.destroy();
    if (this.timer) clearTimeout(this.timer);
    this.cancelWait?.();
    this.pending = [];
  }

  /** Reads the task names, one read at a time; lines wait for a read under way (see flush). */
  private readTaskNames(): Promise<void> {
    // chained after a read under way: that one may have started before the new task existed
    const next = (this.reading ?? Promise.resolve()).then(() => this.doReadTaskNames());
    this.reading = next;
    void next.finally(() => {
      if (this.reading === next) this.reading = null;
    });
    return next;
  }

  private async doReadTaskNames() {
    try {
      const [tasks, nodes] = await Promise.all([listServiceTasks(this.ae.env.docker, this.service.ID), nodeNames(this.ae.env.docker)]);
      for (const t of tasks) this.taskNames.set(t.ID, `${this.service.Spec.Name}.${t.Slot ?? nodes.get(t.NodeID ?? '') ?? t.NodeID?.slice(0, 12) ?? '?'}`);
    } catch {
      // names are a nicety; lines still flow with their task id
    }
  }

  private take(lines: { ts: string; stream: 'stdout' | 'stderr'; text: string }[]) {
    if (this.closed || lines.length === 0) return;
    let unknown = false;
    for (const l of lines) {
      const { taskId, text } = splitDetails(l.text);
      const task = taskId ? (this.taskNames.get(taskId) ?? null) : null;
      if (taskId && !task && !this.tried.has(taskId)) {
        this.tried.add(taskId);
        unknown = true;
      }
      this.pending.push({ ts: l.ts, stream: l.stream, text, containerId: '', taskId, task });
    }
    // a task started after we read the names (scale, update): read them again; flush waits for it
    if (unknown) void this.readTaskNames();
    if (this.pending.length >= BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || this.pending.length === 0) return;
    if (this.reading) {
      // names of new tasks are on their way: the lines wait one engine round trip for them
      void this.reading.then(() => this.flush());
      return;
    }
    if (transportBusy(this.socket)) {
      // the viewer is behind: stop reading Docker until the transport drains
      this.stream?.pause();
      this.cancelWait ??= whenTransportReady(this.socket, () => {
        this.cancelWait = null;
        this.stream?.resume();
        this.flush();
      }, 200);
      return;
    }
    const lines = this.pending.splice(0, BATCH);
    for (const l of lines) if (!l.task && l.taskId) l.task = this.taskNames.get(l.taskId) ?? null;
    const ev: SwarmLogsLinesEvent = { subscriptionId: this.id, lines };
    this.socket.emit(SWARM_EVENTS.logsLines, ev);
    if (this.pending.length) this.timer = setTimeout(() => this.flush(), 0);
  }

  private end(message: string) {
    if (this.closed) return;
    this.flush();
    const ev: SwarmLogsEndedEvent = { subscriptionId: this.id, message };
    this.socket.emit(SWARM_EVENTS.logsEnded, ev);
    this.close();
  }
}
