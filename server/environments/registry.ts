// Every environment of the process: one Docker client, one container watcher and one set of area
// services each, made by createEnvironment() (server/app.ts) and paired with the process's one App, so
// every area (logs, stats, health, shell, slots, backups) runs the same code on any engine.
// An engine that stops answering only marks its own watcher unreachable: listings are served from each
// watcher's memory, so a dead engine never slows the others, and each watcher reconnects by itself.
import { rollupCounts } from '../health/rollup';
import { createEnvironment, type App, type AppEnv } from '../app';
import type { EnvironmentInfo } from '../contract';
import { ContainerWatcher } from '../docker/container-watcher';
import { dockerFromHost, tlsMaterial } from '../docker/client';
import { isFailedExit } from '../docker/group-stacks';
import { HttpError } from '../http/errors';
import type { EnvironmentSpec } from './environment-spec';

export interface EnvironmentHooks {
  /** starts an added environment's areas (server/areas/lifecycle.ts) */
  start(ae: AppEnv): void;
  stop(ae: AppEnv): void;
}

interface Entry {
  spec: EnvironmentSpec;
  ae: AppEnv;
  swarm: boolean;
  infoAt: number;
}

const INFO_TTL_MS = 10_000;

export class EnvironmentRegistry {
  private entries = new Map<string, Entry>();

  private readonly base: AppEnv;

  /** `defaultSpec` is the first configured environment: the one route() uses without `?env=`. */
  constructor(private app: App, defaultSpec: EnvironmentSpec, private hooks: EnvironmentHooks) {
    app.service(KEY, () => this);
    this.base = this.build(defaultSpec);
  }

  /** Each environment is paired with the process's one App (issue 16: no prototype, nothing copied). */
  private build(spec: EnvironmentSpec): AppEnv {
    const docker = dockerFromHost(spec.url, { name: spec.name, tlsDir: this.app.config.tlsDir });
    const ae = { app: this.app, env: createEnvironment(this.app, { name: spec.name, url: spec.url, docker, watcher: new ContainerWatcher(docker) }) };
    this.entries.set(spec.name, this.track({ spec, ae, swarm: false, infoAt: 0 }));
    return ae;
  }

  /** The default environment (server/index.ts publishes it with publishDefault). */
  get defaultAppEnv(): AppEnv {
    return this.base;
  }

  add(spec: EnvironmentSpec): AppEnv {
    if (this.entries.has(spec.name)) throw new HttpError(409, `environment ${spec.name} exists`);
    const ae = this.build(spec);
    this.hooks.start(ae);
    return ae;
  }

  remove(name: string) {
    const e = this.entries.get(name);
    if (!e) throw new HttpError(404, `unknown environment ${name}`);
    if (e.ae === this.base) throw new HttpError(409, 'the default environment cannot be removed');
    if (e.spec.source === 'config') throw new HttpError(409, `environment ${name} comes from SLIPWAY_ENVIRONMENTS: change it there`);
    this.hooks.stop(e.ae);
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

  /** An environment with the App; no name means the default one. Unknown names are a 404. */
  appEnv(name?: string | null): AppEnv {
    if (!name) return this.base;
    const e = this.entries.get(name);
    if (!e) throw new HttpError(404, `unknown environment ${name}`);
    return e.ae;
  }

  all(): AppEnv[] {
    return [...this.entries.values()].map((e) => e.ae);
  }

  list(): EnvironmentInfo[] {
    return [...this.entries.values()].map((e) => {
      if (Date.now() - e.infoAt > INFO_TTL_MS) void this.refreshInfo(e);
      const w = e.ae.env.watcher;
      const all = w.list();
      return {
        name: e.spec.name,
        url: e.spec.url,
        default: e.ae === this.base,
        source: e.spec.source,
        reachable: w.engine.reachable,
        version: w.engine.version ?? null,
        swarm: w.engine.reachable && e.swarm,
        tls: e.spec.url.startsWith('tcp://') && tlsMaterial(this.app.config.tlsDir, e.spec.name) !== null,
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
    e.ae.env.watcher.on('engine', (s: { reachable: boolean }) => {
      if (s.reachable) void this.refreshInfo(e);
      else e.swarm = false;
    });
    return e;
  }

  async refreshInfo(e: Entry) {
    e.infoAt = Date.now();
    try {
      const info = (await e.ae.env.docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
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

/** An environment's name and the default one's (catalog rows from before carry none). */
export function catalogEnv(ae: AppEnv): { name: string; defaultName: string } {
  return { name: ae.env.name, defaultName: environments(ae).appEnv(null).env.name };
}

/** The process's registry, one for every environment. */
export function environments({ app }: { app: App }): EnvironmentRegistry {
  return app.service<EnvironmentRegistry>(KEY, () => {
    throw new Error('environment registry missing: server/index.ts creates it at start');
  });
}
