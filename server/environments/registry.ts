// Every environment of the process: one Docker client, one container watcher and one set of area
// singletons each. Every environment's context, the default one's included, is a plain object built by
// contextFor() from the process's one ProcessServices and its own engine parts, so every area (logs,
// stats, health, shell, slots, backups) runs the same code on any engine.
// An engine that stops answering only marks its own watcher unreachable: listings are served from each
// watcher's memory, so a dead engine never slows the others, and each watcher reconnects by itself.
import { rollupCounts } from '../health/rollup';
import { contextFor, type AppContext, type ProcessServices } from '../context';
import type { EnvironmentInfo } from '../contract';
import { ContainerWatcher } from '../docker/container-watcher';
import { dockerFromHost, tlsMaterial } from '../docker/client';
import { isFailedExit } from '../docker/group-stacks';
import { HttpError } from '../http/errors';
import type { EnvironmentSpec } from './environment-spec';

export interface EnvironmentHooks {
  /** starts an added environment's areas (server/areas/lifecycle.ts) */
  start(ctx: AppContext): void;
  stop(ctx: AppContext): void;
}

interface Entry {
  spec: EnvironmentSpec;
  ctx: AppContext;
  swarm: boolean;
  infoAt: number;
}

const INFO_TTL_MS = 10_000;

export class EnvironmentRegistry {
  private entries = new Map<string, Entry>();

  private readonly base: AppContext;

  /** `defaultSpec` is the first configured environment: its context is the one route() uses without `?env=`. */
  constructor(private proc: ProcessServices, defaultSpec: EnvironmentSpec, private hooks: EnvironmentHooks) {
    this.base = this.build(defaultSpec);
    proc.sharedSingletons.set(KEY, this);
  }

  /** The one way an environment's context is made (issue 16: no prototype, process members from `proc`). */
  private build(spec: EnvironmentSpec): AppContext {
    const docker = dockerFromHost(spec.url, { name: spec.name, tlsDir: this.proc.config.tlsDir });
    const ctx = contextFor(this.proc, { env: spec.name, docker, watcher: new ContainerWatcher(docker) });
    this.entries.set(spec.name, this.track({ spec, ctx, swarm: false, infoAt: 0 }));
    return ctx;
  }

  /** The default environment's context (server/index.ts publishes it with setContext). */
  get defaultContext(): AppContext {
    return this.base;
  }

  add(spec: EnvironmentSpec): AppContext {
    if (this.entries.has(spec.name)) throw new HttpError(409, `environment ${spec.name} exists`);
    const ctx = this.build(spec);
    this.hooks.start(ctx);
    return ctx;
  }

  remove(name: string) {
    const e = this.entries.get(name);
    if (!e) throw new HttpError(404, `unknown environment ${name}`);
    if (e.ctx === this.base) throw new HttpError(409, 'the default environment cannot be removed');
    if (e.spec.source === 'config') throw new HttpError(409, `environment ${name} comes from SLIPWAY_ENVIRONMENTS: change it there`);
    this.hooks.stop(e.ctx);
    this.entries.delete(name);
  }

  has(name: string) {
    return this.entries.has(name);
  }

  /** The engine URL of an environment (unix://, tcp://, ssh://). */
  urlOf(name: string): string {
    const e = this.entries.get(name);
    if (!e) throw new HttpError(404, `unknown environment ${name}`);
    return e.spec.url;
  }

  /** The context of an environment; no name means the default one. Unknown names are a 404. */
  context(name?: string | null): AppContext {
    if (!name) return this.base;
    const e = this.entries.get(name);
    if (!e) throw new HttpError(404, `unknown environment ${name}`);
    return e.ctx;
  }

  contexts(): AppContext[] {
    return [...this.entries.values()].map((e) => e.ctx);
  }

  list(): EnvironmentInfo[] {
    return [...this.entries.values()].map((e) => {
      if (Date.now() - e.infoAt > INFO_TTL_MS) void this.refreshInfo(e);
      const w = e.ctx.watcher;
      const all = w.list();
      return {
        name: e.spec.name,
        url: e.spec.url,
        default: e.ctx === this.base,
        source: e.spec.source,
        reachable: w.engine.reachable,
        version: w.engine.version ?? null,
        swarm: w.engine.reachable && e.swarm,
        tls: e.spec.url.startsWith('tcp://') && tlsMaterial(this.base.config.tlsDir, e.spec.name) !== null,
        error: w.engine.reachable ? null : (w.engine.error ?? 'not answering'),
        since: w.engine.since,
        containers: {
          total: all.length,
          running: all.filter((c) => c.state === 'running').length,
          unhealthy: rollupCounts(all).unhealthy,
          stopped: all.filter((c) => c.state !== 'running' && !isFailedExit(c)).length,
        },
      };
    });
  }

  /** Swarm role changes without an event we watch: read it when the engine (re)connects and when stale. */
  private track(e: Entry): Entry {
    e.ctx.watcher.on('engine', (s: { reachable: boolean }) => {
      if (s.reachable) void this.refreshInfo(e);
      else e.swarm = false;
    });
    return e;
  }

  async refreshInfo(e: Entry) {
    e.infoAt = Date.now();
    try {
      const info = (await e.ctx.docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
      e.swarm = info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable === true;
    } catch {
      e.swarm = false;
    }
  }

  /** Refreshes every environment's swarm flag now (GET /api/environments?fresh=1, tests). */
  async refreshAll() {
    await Promise.all([...this.entries.values()].map((e) => this.refreshInfo(e)));
  }
}

const KEY = 'environments';

/** The environment of a context and the default one's name (catalog rows from before carry none). */
export function catalogEnv(ctx: AppContext): { name: string; defaultName: string } {
  return { name: ctx.env, defaultName: environments(ctx).context(null).env };
}

/** The process's registry, shared by every environment's context. */
export function environments(ctx: AppContext): EnvironmentRegistry {
  const r = ctx.sharedSingletons.get(KEY) as EnvironmentRegistry | undefined;
  if (!r) throw new Error('environment registry missing: server/index.ts creates it at start');
  return r;
}
