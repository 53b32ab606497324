// The live container model: one Docker events stream per engine, read once, feeding an in-memory
// map of container summaries that every route and socket reads. Requests never wait on the engine
// for listings (GET /api/stacks is served from memory), and the page gets changes pushed.
import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import type { ContainerChangedEvent, ContainerSummary, EngineStatus } from '../contract';
import { toSummary } from './container-model';

// Events that change what a summary shows; exec_* (every healthcheck run) and attach/resize do not.
const RELEVANT = new Set(['create', 'start', 'restart', 'stop', 'die', 'kill', 'pause', 'unpause', 'destroy', 'rename', 'update', 'oom', 'health_status']);

export function isRelevantAction(action: string): boolean {
  return RELEVANT.has(action.split(':')[0].trim());
}

/** One line of Docker's events stream for a container (only the fields Slipway reads). */
export interface DockerContainerEvent {
  Action?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export class ContainerWatcher extends EventEmitter {
  readonly containers = new Map<string, ContainerSummary>();
  /** areas that add fields to every fresh summary (the health monitor: probe status, restart loops) */
  readonly decorators: ((summary: ContainerSummary) => void)[] = [];
  engine: EngineStatus = { reachable: false, since: new Date().toISOString(), error: 'not connected yet' };
  private stopped = false;
  private stream: NodeJS.ReadableStream | null = null;
  private inFlight = new Map<string, Promise<void>>();
  private dirty = new Set<string>();
  private ready: Promise<void>;
  private markReady!: () => void;

  constructor(private docker: Docker, private retryMs = 1000) {
    super();
    this.setMaxListeners(0);
    this.ready = new Promise((r) => (this.markReady = r));
  }

  /** Resolves after the first full sync (or the first failed attempt), so a cold start answers fully. */
  whenReady(timeoutMs = 5000): Promise<void> {
    return Promise.race([this.ready, new Promise<void>((r) => setTimeout(r, timeoutMs).unref())]);
  }

  start() {
    void this.loop();
  }

  stop() {
    this.stopped = true;
    (this.stream as unknown as { destroy?: () => void })?.destroy?.();
  }

  list(): ContainerSummary[] {
    return [...this.containers.values()];
  }

  private setEngine(reachable: boolean, extra: Partial<EngineStatus> = {}) {
    if (this.engine.reachable === reachable && !extra.version) return;
    this.engine = { reachable, since: new Date().toISOString(), ...extra };
    this.emit('engine', this.engine);
  }

  private async loop() {
    while (!this.stopped) {
      try {
        const version = await this.docker.version();
        const stream = (await this.docker.getEvents({ filters: { type: ['container'] } })) as NodeJS.ReadableStream;
        this.stream = stream;
        const ended = this.consume(stream);
        this.setEngine(true, { version: version.Version });
        await this.resync();
        this.markReady();
        await ended;
      } catch (e) {
        this.setEngine(false, { error: (e as Error).message });
        this.markReady();
      }
      this.stream = null;
      if (this.stopped) return;
      // The stream ended: the engine went away or restarted. Say so at once, then retry.
      this.setEngine(false, { error: 'Docker engine is not answering' });
      await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }

  private consume(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve) => {
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (!line) continue;
          try {
            const ev = JSON.parse(line) as DockerContainerEvent;
            const id = ev.Actor?.ID ?? ev.id;
            // the raw event, for the timeline (server/events): exit codes and labels ride in Attributes
            if (id && ev.Action) this.emit('docker-event', ev);
            if (id && ev.Action && isRelevantAction(ev.Action)) this.refresh(id, ev.Action === 'destroy');
          } catch {
            /* a malformed event line is skipped; the next resync corrects the model */
          }
        }
      });
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', () => resolve());
    });
  }

  /** Full listing: after (re)connecting, so nothing that happened while away is missed. */
  async resync() {
    const listed = await this.docker.listContainers({ all: true });
    const ids = new Set(listed.map((c) => c.Id));
    for (const id of [...this.containers.keys()]) if (!ids.has(id)) this.remove(id);
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) await this.refresh(id);
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  /** Re-inspects one container; bursts of events for the same id collapse into at most one more inspect. */
  refresh(id: string, destroyed = false): Promise<void> {
    if (destroyed) {
      this.remove(id);
      return Promise.resolve();
    }
    const running = this.inFlight.get(id);
    if (running) {
      this.dirty.add(id);
      return running;
    }
    const p = (async () => {
      try {
        const info = await this.docker.getContainer(id).inspect();
        const summary = toSummary(info);
        for (const decorate of this.decorators) decorate(summary);
        this.containers.set(summary.id, summary);
        this.emit('changed', { id: summary.id, state: summary.state, health: summary.health, container: summary } satisfies ContainerChangedEvent);
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 404) this.remove(id);
      } finally {
        this.inFlight.delete(id);
        if (this.dirty.delete(id)) void this.refresh(id);
      }
    })();
    this.inFlight.set(id, p);
    return p;
  }

  private remove(id: string) {
    const known = this.containers.get(id) ?? [...this.containers.values()].find((c) => c.id.startsWith(id));
    if (!known) return;
    this.containers.delete(known.id);
    this.emit('changed', { id: known.id, state: 'removed', health: 'none', removed: true } satisfies ContainerChangedEvent);
  }

  /** Finds a container by full id, unique id prefix or name. */
  find(ref: string): ContainerSummary | undefined {
    const exact = this.containers.get(ref);
    if (exact) return exact;
    const byName = this.list().find((c) => c.name === ref);
    if (byName) return byName;
    if (/^[0-9a-f]{4,64}$/.test(ref)) {
      const matches = this.list().filter((c) => c.id.startsWith(ref));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }
}
