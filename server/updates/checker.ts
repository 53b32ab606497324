// Update detection for one environment: every container whose image is referenced by tag is checked
// against its registry (server/registry/client.ts) and the verdict kept in memory. Runs every
// SLIPWAY_UPDATE_INTERVAL and on "check now"; concurrent requests share one run; the periodic run reuses
// a registry answer younger than CACHE_MS per tag, "check now" asks again. The registry never blocks the
// engine's other work: listings come from the engine first, then only HTTP to registries.
import type { App, Environment } from '../app';
import { UPDATE_EVENTS, UPDATE_POLICIES, type ContainerSummary, type UpdateInfo, type UpdatePolicy } from '../contract';
import { RegistryClient, RegistryError } from '../registry/client';
import { authFor } from '../registry/credentials';
import { planCheck, verdict } from './compare';

const CACHE_MS = 10 * 60_000;

export function policyOf(c: Pick<ContainerSummary, 'labels'>): UpdatePolicy {
  const v = c.labels['slipway.update']?.trim();
  return (UPDATE_POLICIES as readonly string[]).includes(v ?? '') ? (v as UpdatePolicy) : 'notify';
}

export class UpdateChecker {
  readonly results = new Map<string, UpdateInfo>();
  readonly client: RegistryClient;
  private running: Promise<UpdateInfo[]> | null = null;
  /** the full check that follows the running one, for those who asked while it ran */
  private queued: Promise<UpdateInfo[]> | null = null;
  private cache = new Map<string, { digest: string; at: number }>();
  /** called with the containers that became update-available in a check */
  onNewlyAvailable: ((found: UpdateInfo[]) => void) | null = null;

  constructor(private app: App, private env: Environment, client?: RegistryClient) {
    this.client = client ?? new RegistryClient();
  }

  list(): UpdateInfo[] {
    const live = new Set(this.env.watcher.list().map((c) => c.id));
    for (const id of this.results.keys()) if (!live.has(id)) this.results.delete(id);
    return [...this.results.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Runs a check of every container, or joins the one under way. `fresh` (a person asked): ignore cached
   * registry answers, and never settle for a check that began before the ask (a container created or an
   * image pushed a moment ago would be missing from it): one more check follows it, shared by every such ask.
   */
  check(fresh: boolean, only?: (c: ContainerSummary) => boolean): Promise<UpdateInfo[]> {
    if (only) return this.run(fresh, only);
    if (!this.running) return this.startFull(fresh);
    if (!fresh) return this.running;
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startFull(true);
      });
    return this.queued;
  }

  private startFull(fresh: boolean): Promise<UpdateInfo[]> {
    const run = this.run(fresh).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(fresh: boolean, only?: (c: ContainerSummary) => boolean): Promise<UpdateInfo[]> {
    const docker = this.env.docker;
    const containers = this.env.watcher.list().filter((c) => policyOf(c) !== 'off' && (!only || only(c)));
    const [raw, images] = await Promise.all([docker.listContainers({ all: true }), docker.listImages()]);
    const imageOf = new Map(raw.map((c) => [c.Id, c.ImageID]));
    const digestsOf = new Map(images.map((i) => [i.Id, (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>'))]));
    const asked = new Map<string, Promise<{ digest: string } | { error: RegistryError }>>();
    const newly: UpdateInfo[] = [];
    await Promise.all(
      containers.map(async (c) => {
        const checkedAt = new Date().toISOString();
        const base = { containerId: c.id, name: c.name, image: c.image, project: c.project, service: c.service, policy: policyOf(c), checkedAt };
        const plan = planCheck(c.image, digestsOf.get(imageOf.get(c.id) ?? '') ?? []);
        let info: UpdateInfo;
        if (plan.kind === 'final') {
          info = { ...base, status: plan.status, localDigests: plan.localDigests, remoteDigest: null, ...(plan.error ? { error: plan.error } : {}) };
        } else {
          const key = `${plan.ref.registry}/${plan.ref.repository}:${plan.ref.tag}`;
          let answer = asked.get(key);
          if (!answer) {
            const cached = this.cache.get(key);
            answer = !fresh && cached && Date.now() - cached.at < CACHE_MS
              ? Promise.resolve({ digest: cached.digest })
              : this.client.headDigest(plan.ref, authFor(this.app.db, plan.ref.registry)).then(
                  (digest) => {
                    this.cache.set(key, { digest, at: Date.now() });
                    return { digest };
                  },
                  (e: unknown) => ({ error: e instanceof RegistryError ? e : new RegistryError('registry error', (e as Error).message) }),
                );
            asked.set(key, answer);
          }
          const a = await answer;
          info = 'digest' in a
            ? { ...base, status: verdict(plan.localDigests, a.digest), localDigests: plan.localDigests, remoteDigest: a.digest }
            : { ...base, status: 'error', localDigests: plan.localDigests, remoteDigest: null, error: a.error.reason, errorDetail: a.error.detail.slice(0, 300) };
        }
        const before = this.results.get(c.id);
        if (info.status === 'update-available' && (before?.status !== 'update-available' || before.remoteDigest !== info.remoteDigest)) newly.push(info);
        this.results.set(c.id, info);
      }),
    );
    const all = this.list();
    // every socket of the environment gets this, viewers too: no error detail (GET /api/updates gives it by role)
    this.env.emit(UPDATE_EVENTS.checked, { updates: all.map((u) => forRole(u, false)) });
    if (newly.length) this.onNewlyAvailable?.(newly);
    return only ? all.filter((u) => containers.some((c) => c.id === u.containerId)) : all;
  }
}

export const updateChecker = (app: App, env: Environment) => env.service('updates.checker', () => new UpdateChecker(app, env));

/** What a role may see: the short reason for everyone, the detail from operator up. */
export function forRole(u: UpdateInfo, seesDetail: boolean): UpdateInfo {
  if (seesDetail || !u.errorDetail) return u;
  const { errorDetail: _hidden, ...rest } = u;
  return rest;
}
