// The changes an operator makes to a swarm service: scale, rolling image update, rollback. Each one
// is one `service.update` with the version just read (Docker refuses a stale one), is audited, and
// starts a progress run that pushes the rollout to the sockets watching the service.
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import type { SwarmChangeResult, SwarmOp, SwarmUpdateRequest } from '../contract';
import { recordAudit } from '../audit/audit-log';
import { HttpError } from '../http/errors';
import { displayImage, serviceMode, type RawService, type RawServiceSpec, type RawUpdateConfig } from './model';
import { refreshSwarmListing } from './service-model';
import { inspectService } from './services';
import { swarmCall } from './swarm-engine';
import { swarmProgress } from './progress';

const NS = 1e9;

/** One change of ours per service at a time: read version, update, start the run. */
function changeLocks(ae: AppEnv) {
  return ae.env.service('swarm.locks', () => new Set<string>());
}

async function withServiceLock<T>(ae: AppEnv, ref: string, fn: () => Promise<T>): Promise<T> {
  const locks = changeLocks(ae);
  if (locks.has(ref)) throw new HttpError(409, `another change of service ${ref} is being submitted`);
  locks.add(ref);
  try {
    return await fn();
  } finally {
    locks.delete(ref);
  }
}

async function submit(docker: Docker, s: RawService, spec: RawServiceSpec, query: Record<string, string | number> = {}): Promise<string[]> {
  try {
    // _query/_body: docker-modem sends the version (and rollback) in the URL and only the spec as body
    const res = (await swarmCall(() => docker.getService(s.ID).update({ _query: { version: s.Version.Index, ...query }, _body: spec } as object))) as { Warnings?: string[] | null } | undefined;
    return res?.Warnings ?? [];
  } catch (e) {
    const msg = (e as { json?: { message?: string }; message?: string }).json?.message ?? (e as Error).message ?? '';
    if (/out of sequence/i.test(msg)) throw new HttpError(409, `service ${s.Spec.Name} changed meanwhile; reload and try again`);
    throw e;
  }
}

interface Audited {
  ae: AppEnv;
  username: string;
  op: SwarmOp;
  s: RawService;
  detail: Record<string, unknown>;
}

async function run(a: Audited, change: () => Promise<string[]>): Promise<SwarmChangeResult> {
  const action = `swarm.${a.op}`;
  try {
    const before = a.s.UpdateStatus?.StartedAt ?? null;
    const warnings = await change();
    const after = await inspectService(a.ae.env.docker, a.s.ID);
    await refreshSwarmListing(a.ae);
    const runId = swarmProgress(a.ae).start({ serviceId: a.s.ID, op: a.op, baselineStartedAt: before, username: a.username, detail: a.detail });
    recordAudit(a.ae.app.db, { username: a.username, action, target: a.s.Spec.Name, result: 'ok', detail: { ...a.detail, serviceId: a.s.ID, runId, warnings } });
    return { ok: true, serviceId: a.s.ID, runId, version: after.Version.Index, warnings };
  } catch (e) {
    recordAudit(a.ae.app.db, { username: a.username, action, target: a.s.Spec.Name, result: 'failed', detail: { ...a.detail, serviceId: a.s.ID, error: (e as Error).message } });
    throw e;
  }
}

export async function scaleService(ae: AppEnv, ref: string, replicas: number, username: string): Promise<SwarmChangeResult> {
  return withServiceLock(ae, ref, async () => {
    const s = await inspectService(ae.env.docker, ref);
    if (serviceMode(s.Spec) !== 'replicated') throw new HttpError(400, `service ${s.Spec.Name} is not replicated (mode ${serviceMode(s.Spec)}): only replicated services can be scaled`);
    const from = s.Spec.Mode?.Replicated?.Replicas ?? 1;
    const spec: RawServiceSpec = { ...s.Spec, Mode: { ...s.Spec.Mode, Replicated: { ...s.Spec.Mode?.Replicated, Replicas: replicas } } };
    return run({ ae, username, op: 'scale', s, detail: { from, to: replicas } }, () => submit(ae.env.docker, s, spec));
  });
}

/** The image must be on the engine: there is no registry to pull from, and a typo must not start a rollout. */
async function requireLocalImage(docker: Docker, image: string) {
  try {
    await docker.getImage(image).inspect();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) throw new HttpError(400, `image ${image} is not on this environment's engine: build, load or tag it there first`);
    throw e;
  }
}

export function updateConfigOf(req: SwarmUpdateRequest): RawUpdateConfig {
  return {
    Parallelism: req.parallelism,
    Delay: Math.round(req.delaySeconds * NS),
    FailureAction: req.failureAction,
    Monitor: Math.round(req.monitorSeconds * NS),
    MaxFailureRatio: req.maxFailureRatio,
    Order: req.order,
  };
}

/**
 * Docker rolls back (automatically on failure, or on request) with the RollbackConfig of the spec it
 * restores, not of the one that failed. So the update and rollback configs are first set on the
 * current spec (a change no task depends on: nothing restarts), and the image changes in a second
 * update: a rollback then goes back the way this update went (start-first, same monitor).
 */
export async function updateServiceImage(ae: AppEnv, ref: string, req: SwarmUpdateRequest, username: string): Promise<SwarmChangeResult> {
  return withServiceLock(ae, ref, async () => {
    let s = await inspectService(ae.env.docker, ref);
    await requireLocalImage(ae.env.docker, req.image);
    const from = displayImage(s.Spec.TaskTemplate.ContainerSpec?.Image);
    const update = updateConfigOf(req);
    const rollback: RawUpdateConfig = { ...update, Parallelism: Math.max(1, req.parallelism), Delay: 0, FailureAction: 'pause' };
    const detail = { from, to: req.image, parallelism: req.parallelism, delaySeconds: req.delaySeconds, order: req.order, failureAction: req.failureAction, monitorSeconds: req.monitorSeconds };
    return run({ ae, username, op: 'update', s, detail }, async () => {
      const warnings: string[] = [];
      if (!sameConfig(s.Spec.UpdateConfig, update) || !sameConfig(s.Spec.RollbackConfig, rollback)) {
        warnings.push(...(await submit(ae.env.docker, s, { ...s.Spec, UpdateConfig: update, RollbackConfig: rollback })));
        s = await inspectService(ae.env.docker, s.ID);
      }
      const spec: RawServiceSpec = { ...s.Spec, TaskTemplate: { ...s.Spec.TaskTemplate, ContainerSpec: { ...s.Spec.TaskTemplate.ContainerSpec, Image: req.image } } };
      warnings.push(...(await submit(ae.env.docker, s, spec)));
      return warnings;
    });
  });
}

function sameConfig(a: RawUpdateConfig | undefined, b: RawUpdateConfig): boolean {
  if (!a) return false;
  return (Object.keys(b) as (keyof RawUpdateConfig)[]).every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

export async function rollbackService(ae: AppEnv, ref: string, username: string): Promise<SwarmChangeResult> {
  return withServiceLock(ae, ref, async () => {
    const s = await inspectService(ae.env.docker, ref);
    if (!s.PreviousSpec) throw new HttpError(409, `service ${s.Spec.Name} has no previous version to roll back to`);
    const detail = { from: displayImage(s.Spec.TaskTemplate.ContainerSpec?.Image), to: displayImage(s.PreviousSpec.TaskTemplate.ContainerSpec?.Image) };
    // Server-side rollback (API >= 1.28): the engine swaps in PreviousSpec using the rollback config.
    return run({ ae, username, op: 'rollback', s, detail }, () => submit(ae.env.docker, s, s.Spec, { rollback: 'previous' }));
  });
}
