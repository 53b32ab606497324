// The swarm listings answer from memory, like the container overview (server/docker/container-watcher.ts):
// one model per environment holds its services, all their tasks and the node names, read from the Engine
// API in one refresh. A refresh runs when the engine says something changed — a service or node event
// (a stream of its own), or a container event of a swarm task on this node (the container watcher's
// stream, read once already) — coalesced so a burst costs one, and when it is POLL_MS old while anybody reads,
// because tasks on other nodes emit no event here. Bound: a reading is at most MAX_AGE_MS (2 s) old; a read
// that finds an older snapshot (the first one, after idling, or a re-read slower than 750 ms) waits for a refresh.
// The model goes idle (stream closed, memory dropped) IDLE_MS after the last read, when its engine stops
// answering, when the engine is not a swarm manager, or on stopSwarmModel (environment removed).
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import type { SwarmServiceDetail, SwarmServicesResponse } from '../contract';
import { isRelevantAction, type DockerContainerEvent } from '../docker/container-watcher';
import { isHttpError } from '../http/errors';
import { Coalescer } from './coalesce';
import { groupServices, toService, toServiceDetail, type RawNode, type RawService, type RawTask } from './model';
import { swarmCall } from './swarm-engine';

/** the oldest reading a GET may answer with */
export const MAX_AGE_MS = 2000;
/** how old the snapshot may grow while it is read before the model re-reads (tasks on other nodes change without a local event) */
const POLL_MS = 1000;
/** how often that age is checked: a re-read starts at most POLL_MS + TICK_MS after the last one started */
const TICK_MS = 250;
/** engine events within this window cost one refresh */
export const DEBOUNCE_MS = 150;
/** no read for this long: stop watching and drop the snapshot */
const IDLE_MS = 30_000;
const SWARM_LABEL = 'com.docker.swarm.';

interface Snapshot {
  /** when the refresh that made it started: what it shows is at least this fresh */
  at: number;
  services: RawService[];
  tasks: Map<string, RawTask[]>;
  nodeNames: Map<string, string>;
  list: SwarmServicesResponse;
  /** details built from this snapshot so far (a page polls the same service) */
  details: Map<string, SwarmServiceDetail>;
}

/** Resolves a service reference the way the Engine API does: full ID, then name, then a unique ID prefix. */
export function findService(services: RawService[], ref: string): RawService | 'ambiguous' | undefined {
  const exact = services.find((s) => s.ID === ref) ?? services.find((s) => s.Spec.Name === ref);
  if (exact) return exact;
  const prefixed = services.filter((s) => s.ID.startsWith(ref));
  if (prefixed.length > 1) return 'ambiguous';
  return prefixed[0];
}

/** One Engine API read of everything the listings show. */
async function readEngine(docker: Docker): Promise<Pick<Snapshot, 'services' | 'tasks' | 'nodeNames'>> {
  const [services, tasks, nodes] = await Promise.all([
    // status=true: the engine counts running/desired tasks itself (API 1.41); older engines count from the tasks below
    swarmCall(() => docker.listServices({ status: true } as object)) as unknown as Promise<RawService[]>,
    swarmCall(() => docker.listTasks()) as Promise<RawTask[]>,
    swarmCall(() => docker.listNodes()) as Promise<RawNode[]>,
  ]);
  const byService = new Map<string, RawTask[]>();
  for (const t of tasks) {
    const list = byService.get(t.ServiceID);
    if (list) list.push(t);
    else byService.set(t.ServiceID, [t]);
  }
  const nodeNames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
  return { services, tasks: byService, nodeNames };
}

function listOf(services: RawService[], tasks: Map<string, RawTask[]>): SwarmServicesResponse {
  return groupServices(
    services.map((s) => (s.ServiceStatus ? toService(s) : toService(s, (tasks.get(s.ID) ?? []).filter((t) => t.DesiredState === 'running')))),
  );
}

export class SwarmServiceModel {
  private snapshot: Snapshot | null = null;
  private refresher = new Coalescer(() => this.refresh(), DEBOUNCE_MS);
  private active = false;
  private lastReadAt = 0;
  private poll: NodeJS.Timeout | null = null;
  private stream: NodeJS.ReadableStream | null = null;
  private opening = false;
  /** bumped on every idle: a refresh or stream of an earlier activation must not write into this one */
  private generation = 0;
  /** refreshes run so far (tests of the coalescing, the bench) */
  refreshes = 0;

  private onContainerEvent = (ev: DockerContainerEvent) => {
    const attrs = ev.Actor?.Attributes ?? {};
    if (ev.Action && isRelevantAction(ev.Action) && Object.keys(attrs).some((k) => k.startsWith(SWARM_LABEL))) this.refresher.poke();
  };

  private onEngine = (s: { reachable: boolean }) => {
    if (!s.reachable) this.idle();
  };

  constructor(private ae: AppEnv) {}

  async list(): Promise<SwarmServicesResponse> {
    return (await this.read()).list;
  }

  /** A service and its tasks; a service the snapshot does not know yet is read live (and a refresh started). */
  async detail(ref: string, readLive: () => Promise<SwarmServiceDetail>): Promise<SwarmServiceDetail> {
    const snap = await this.read();
    const s = findService(snap.services, ref);
    if (s && s !== 'ambiguous') {
      let d = snap.details.get(s.ID);
      if (!d) snap.details.set(s.ID, (d = toServiceDetail(s, snap.tasks.get(s.ID) ?? [], snap.nodeNames)));
      return d;
    }
    // created behind our back a moment ago, or no such service: the engine answers (404 included)
    const live = await readLive();
    this.refresher.poke();
    return live;
  }

  /** After a write of ours: the next read shows it. Only while active; an idle model reads fresh anyway. */
  async refreshNow(): Promise<void> {
    if (this.active) await this.refresher.now();
  }

  /** The environment is going away: close everything. A later read would start again. */
  stop(): void {
    this.idle();
  }

  get isActive(): boolean {
    return this.active;
  }

  private async read(): Promise<Snapshot> {
    this.lastReadAt = Date.now();
    const snap = this.snapshot;
    if (snap && Date.now() - snap.at <= MAX_AGE_MS) return snap;
    await this.refresher.now();
    if (!this.snapshot) throw new Error('swarm model went idle during its refresh');
    return this.snapshot;
  }

  private async refresh(): Promise<void> {
    const gen = this.generation;
    const at = Date.now();
    this.refreshes++;
    try {
      const r = await readEngine(this.ae.env.docker);
      if (gen !== this.generation) return;
      this.snapshot = { at, ...r, list: listOf(r.services, r.tasks), details: new Map() };
      // watching starts with the first good reading, so an engine that is no manager costs no stream
      if (!this.active) this.activate();
    } catch (e) {
      // not a swarm manager (any more): nothing to keep; the read that asked gets the 409
      if (isHttpError(e) && e.status === 409 && gen === this.generation) this.idle();
      throw e;
    }
  }

  private activate() {
    this.active = true;
    this.ae.env.watcher.on('docker-event', this.onContainerEvent);
    this.ae.env.watcher.on('engine', this.onEngine);
    void this.openStream(this.generation);
    this.poll = setInterval(() => this.tick(), TICK_MS);
    this.poll.unref?.();
  }

  private tick() {
    if (Date.now() - this.lastReadAt > IDLE_MS) return this.idle();
    if (!this.stream && !this.opening) void this.openStream(this.generation);
    // straight away, not debounced: the bound is counted from when the last re-read started
    if (!this.refresher.busy && (!this.snapshot || Date.now() - this.snapshot.at >= POLL_MS)) {
      this.refresher.now().catch(() => {
        /* engine away or no manager any more: refresh() went idle if it must; a read reports the error */
      });
    }
  }

  private idle() {
    this.generation++;
    this.snapshot = null;
    if (!this.active) return;
    this.active = false;
    this.refresher.cancel();
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    this.ae.env.watcher.off('docker-event', this.onContainerEvent);
    this.ae.env.watcher.off('engine', this.onEngine);
    (this.stream as unknown as { destroy?: () => void } | null)?.destroy?.();
    this.stream = null;
  }

  /** Service and node events of the whole swarm (a manager sees them all); reopened by the poll when it ends. */
  private async openStream(gen: number) {
    let stream: NodeJS.ReadableStream;
    this.opening = true;
    try {
      stream = (await this.ae.env.docker.getEvents({ filters: { type: ['service', 'node'] } })) as NodeJS.ReadableStream;
    } catch {
      return; // engine away: the next tick tries again
    } finally {
      this.opening = false;
    }
    if (gen !== this.generation || !this.active || this.stream) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    // anything may have changed while no stream was open
    this.refresher.poke();
    stream.on('data', () => this.refresher.poke());
    const ended = () => {
      if (this.stream === stream) this.stream = null;
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
  }
}

/** This environment's model (created on first read). */
export function swarmModel(ae: AppEnv): SwarmServiceModel {
  return ae.env.service('swarm.model', () => new SwarmServiceModel(ae));
}

/**
 * Environment stop hook: closes the model's events stream and timer at once. Without it an unused model
 * still goes idle IDLE_MS after its last read. Call it beside the other stop hooks in server/index.ts.
 */
export function stopSwarmModel(ae: AppEnv): void {
  (ae.env.existing('swarm.model') as SwarmServiceModel | undefined)?.stop();
}

/**
 * The listings answer from memory: after a write of ours, or when a run's progress says it is done, the next
 * read must show what was said. A failed refresh leaves the model to its next event or read.
 */
export async function refreshSwarmListing(ae: AppEnv): Promise<void> {
  try {
    await swarmModel(ae).refreshNow();
  } catch {
    /* the engine answered the write or the progress read a moment ago; the next read retries */
  }
}
