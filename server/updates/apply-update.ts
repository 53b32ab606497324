// One-click update of a compose service: pull the tag, recreate the service through compose, wait for
// health (Docker healthcheck and Slipway probes), and on failure roll back to the previous image ID.
// The previous image is kept under a rollback tag until the new one is healthy, so neither a prune nor
// the pull itself can take it away meanwhile.
import crypto from 'node:crypto';
import type { App, Environment } from '../app';
import { recordAudit } from '../audit/audit-log';
import { recordUpdateApplied } from '../events/update-events';
import { detectCompose, runCompose } from '../compose/cli';
import { UPDATE_EVENTS, type ContainerSummary, type UpdateJob } from '../contract';
import { HttpError } from '../http/errors';
import { authFor } from '../registry/credentials';
import { parseReference } from '../registry/reference';
import { updateChecker } from './checker';
import { composeTargetOf } from './compose-target';
import { deployToIdle } from '../slots/deploy';

const HEALTH_TIMEOUT_MS = 120_000;
/** without a healthcheck or probes: running this long without a restart counts as healthy */
const SETTLE_MS = 3000;
const KEEP_JOBS = 100;

class UpdateJobs {
  readonly jobs = new Map<string, UpdateJob>();
  readonly busy = new Set<string>();
}
const jobsOf = (env: Environment) => env.service('updates.jobs', () => new UpdateJobs());

/** set at start (server/updates/start-for-environment.ts): notifications of failed and rolled-back updates */
export const updateHooks = (env: Environment) => env.service('updates.hooks', () => ({}) as { onDone?: (job: UpdateJob) => void });

export function getUpdateJob(env: Environment, id: string): UpdateJob | undefined {
  return jobsOf(env).jobs.get(id);
}

export function serviceContainers(env: Environment, stack: string, service: string): ContainerSummary[] {
  return env.watcher.list().filter((c) => c.project === stack && c.service === service);
}

/** Validates synchronously enough to answer 404/409, then runs in the background; resolves with the job. */
export async function startServiceUpdate(app: App, env: Environment, stack: string, service: string, by: string): Promise<{ job: UpdateJob; done: Promise<UpdateJob> }> {
  const containers = serviceContainers(env, stack, service);
  if (!containers.length) throw new HttpError(404, `no containers of service ${service} in stack ${stack}`);
  const first = containers[0];
  const images = new Set(containers.map((c) => c.image));
  if (images.size > 1) throw new HttpError(409, `the containers of ${service} run different images (${[...images].join(', ')})`);
  let ref;
  try {
    ref = parseReference(first.image);
  } catch {
    throw new HttpError(409, `the image reference of ${service} is not valid`);
  }
  if (ref.digest) throw new HttpError(409, `${service} is pinned by digest: change the compose file to update it`);
  const slotGroup = first.labels['slipway.slot.group']?.trim() || null;
  // a blue/green slot: the slots area deploys to the idle slot, gates it and switches (the old slot stays for revert)
  const target = slotGroup ? null : composeTargetOf(first);
  const cli = slotGroup ? null : await detectCompose();
  if (!slotGroup && !cli) throw new HttpError(409, 'no compose CLI on this machine');
  const jobs = jobsOf(env);
  const lockKey = `${stack}/${service}`;
  if (jobs.busy.has(lockKey)) throw new HttpError(409, `an update of ${service} is already under way`);
  jobs.busy.add(lockKey);
  const job: UpdateJob = { id: crypto.randomBytes(8).toString('hex'), stack, service, status: 'running', fromImageId: null, toImageId: null, output: '', by, startedAt: new Date().toISOString(), endedAt: null };
  jobs.jobs.set(job.id, job);
  while (jobs.jobs.size > KEEP_JOBS) jobs.jobs.delete(jobs.jobs.keys().next().value!);
  const say = (line: string) => {
    job.output += `${line}\n`;
    env.emit(UPDATE_EVENTS.output, { id: job.id, data: `${line}\n` });
  };
  const compose = (args: string[]) =>
    runCompose({ cli: cli!, cwd: target!.dir, args: [...target!.files.flatMap((f) => ['-f', f]), '-p', stack, ...args], engine: { url: env.url, name: env.name, tlsDir: app.config.tlsDir }, onOutput: (d) => (job.output += d) });
  const rollbackTag = { repo: 'slipway-rollback', tag: `${stack}.${service}`.replace(/[^\w.-]/g, '_').slice(0, 128) };
  const reference = first.image;

  let recreated = false;
  const done = (async () => {
    try {
      const oldId = (await env.docker.getContainer(first.id).inspect()).Image;
      job.fromImageId = oldId;
      await env.docker.getImage(oldId).tag(rollbackTag);
      say(`kept ${oldId.slice(7, 19)} as ${rollbackTag.repo}:${rollbackTag.tag} until the new image is healthy`);
      say(`pulling ${reference}`);
      await pull(env, app, reference, ref.registry);
      const newId = (await env.docker.getImage(reference).inspect()).Id;
      job.toImageId = newId;
      if (newId === oldId) {
        say('the registry has the same image: nothing to update');
        job.status = 'succeeded';
        return job;
      }
      if (slotGroup) {
        say(`deploying ${newId.slice(7, 19)} to the idle slot of ${slotGroup}, then switching`);
        try {
          const r = await deployToIdle({ app, env }, slotGroup, reference, { switch: true, timeoutSec: HEALTH_TIMEOUT_MS / 1000 }, by);
          say(`${r.slot} is healthy and serves ${slotGroup}; the other slot keeps the previous image for an instant switch back`);
          job.status = 'succeeded';
        } catch (e) {
          // the deploy gates before switching: traffic still goes to the slot on the previous image
          say(`the idle slot did not pass: ${(e as Error).message}; traffic stays on the previous image`);
          job.status = 'rolled-back';
        }
        return job;
      }
      say(`recreating ${service} on ${newId.slice(7, 19)}`);
      recreated = true;
      const up = await compose(['up', '-d', '--no-deps', '--no-build', service]);
      const healthy = up.exitCode === 0 ? await waitHealthy(env, stack, service, newId, say) : `compose up exited with ${up.exitCode}`;
      if (healthy === true) {
        say(`${service} is healthy on the new image`);
        job.status = 'succeeded';
        return job;
      }
      say(`the new image failed: ${healthy}; rolling back to ${oldId.slice(7, 19)}`);
      const [repo, tag] = splitTag(reference);
      await env.docker.getImage(oldId).tag({ repo, tag });
      const back = await compose(['up', '-d', '--no-deps', '--no-build', '--force-recreate', service]);
      const again = back.exitCode === 0 ? await waitHealthy(env, stack, service, oldId, say) : `compose up exited with ${back.exitCode}`;
      if (again !== true) throw new Error(`rollback failed too: ${again}`);
      say(`rolled back: ${service} runs ${oldId.slice(7, 19)} again`);
      job.status = 'rolled-back';
      return job;
    } catch (e) {
      say(`update failed: ${(e as { json?: { message?: string } }).json?.message ?? (e as Error).message}`);
      job.status = 'failed';
      return job;
    } finally {
      // kept only when a failed rollback may still need it; otherwise the old image is free to go
      if (job.status !== 'failed' || !recreated) await env.docker.getImage(`${rollbackTag.repo}:${rollbackTag.tag}`).remove({ noprune: false }).catch(() => undefined);
      job.endedAt = new Date().toISOString();
      jobs.busy.delete(lockKey);
      recordAudit(app.db, { username: by, action: 'service.update', target: `${stack}/${service}`, result: job.status === 'succeeded' ? 'ok' : 'failed', detail: { status: job.status, from: job.fromImageId, to: job.toImageId, image: reference } });
      env.emit(UPDATE_EVENTS.done, { ...job });
      recordUpdateApplied({ app, env }, job, reference);
      updateHooks(env).onDone?.(job);
      // the service's verdict is stale now: check its (new) containers again
      if (job.status !== 'failed') void updateChecker(app, env).check(true, (c) => c.project === stack && c.service === service).catch(() => undefined);
    }
  })();
  return { job, done };
}

function splitTag(reference: string): [string, string] {
  const i = reference.lastIndexOf(':');
  return i > reference.lastIndexOf('/') ? [reference.slice(0, i), reference.slice(i + 1)] : [reference, 'latest'];
}

async function pull(env: Environment, app: App, reference: string, registry: string) {
  const auth = authFor(app.db, registry);
  const stream = await env.docker.pull(reference, auth ? { authconfig: { username: auth.username, password: auth.password, serveraddress: registry } } : {});
  await new Promise<void>((resolve, reject) =>
    env.docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve()), (ev: { error?: string }) => {
      if (ev.error) reject(new Error(ev.error));
    }),
  );
}

/** true, or why not: every container of the service on the new image, healthy (or settled without a check). */
async function waitHealthy(env: Environment, stack: string, service: string, imageId: string, say: (l: string) => void): Promise<true | string> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let settledSince: number | null = null;
  let lastNote = '';
  for (;;) {
    const current = serviceContainers(env, stack, service);
    const states = await Promise.all(current.map((c) => env.docker.getContainer(c.id).inspect().catch(() => null)));
    const onNew = states.filter((s) => s?.Image === imageId);
    const note = onNew.map((s) => `${s!.Name.slice(1)}: ${s!.State.Status}${s!.State.Health ? `/${s!.State.Health.Status}` : ''}`).join(', ');
    if (note && note !== lastNote) say(`  ${note}`);
    lastNote = note;
    if (onNew.length) {
      const dead = onNew.find((s) => !s!.State.Running || s!.State.Restarting);
      if (dead && dead.State.Status === 'exited') return `${dead.Name.slice(1)} exited with ${dead.State.ExitCode}`;
      const unhealthy = onNew.find((s) => s!.State.Health?.Status === 'unhealthy');
      if (unhealthy) return `${unhealthy.Name.slice(1)} is unhealthy`;
      const probesDown = current.find((c) => onNew.some((s) => s!.Id === c.id) && c.probeStatus === 'failing');
      const withCheck = onNew.every((s) => s!.State.Health);
      const allHealthy = onNew.every((s) => s!.State.Running && (!s!.State.Health || s!.State.Health.Status === 'healthy'));
      if (allHealthy && !probesDown) {
        if (withCheck) return true;
        settledSince ??= Date.now();
        if (Date.now() - settledSince >= SETTLE_MS) return true;
      } else settledSince = null;
    }
    if (Date.now() > deadline) return `not healthy within ${HEALTH_TIMEOUT_MS / 1000} s`;
    await new Promise((r) => setTimeout(r, 250));
  }
}
