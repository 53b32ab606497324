// Recreate: the same container again, new. Compose containers go through compose (`up -d --force-recreate
// --no-deps SERVICE` with the stack's own files), so compose keeps owning them. Other containers are made
// again from their inspect document; the new one is created first under a temporary name, so a failed
// create changes nothing, then the old one is stopped and removed and the new one takes its name.
import crypto from 'node:crypto';
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import type { ContainerSummary } from '../contract';
import { HttpError } from '../http/errors';
import { recreateOptions } from '../slots/recreate-options';
import { LABEL_WORKING_DIR } from '../stacks/compose-labels';
import { projectArgs, requireFiles } from '../stacks/compose-args';
import { composeCapture } from '../stacks/run-capture';
import { operations } from '../stacks/operations';
import { resolveStack } from '../stacks/resolve';
import { knownOr404, refreshed } from './container-actions';

export async function recreateContainer(ae: AppEnv, ref: string): Promise<{ via: 'compose' | 'engine'; container: ContainerSummary }> {
  const known = knownOr404(ae.env.watcher, ref);
  if (known.project && known.service && known.labels[LABEL_WORKING_DIR]) return { via: 'compose', container: await viaCompose(ae, known) };
  return { via: 'engine', container: await viaEngine(ae, known) };
}

async function viaCompose(ae: AppEnv, c: ContainerSummary): Promise<ContainerSummary> {
  const project = c.project!;
  const busy = operations(ae).runningFor(project);
  if (busy) throw new HttpError(409, `${busy.action} is still running on ${project}`);
  const stack = resolveStack(ae, project);
  requireFiles(stack);
  const { exitCode, output } = await composeCapture(ae, stack.dir!, [...projectArgs(stack), 'up', '-d', '--force-recreate', '--no-deps', c.service!]);
  if (exitCode !== 0) throw new HttpError(409, `compose up --force-recreate ${c.service} failed (exit ${exitCode}): ${output.trim().slice(-1000)}`);
  // compose gives the new container the old one's name
  const info = await ae.env.docker.getContainer(c.name).inspect();
  return refreshed(ae.env.watcher, info.Id, c.name);
}

/** Anonymous volumes are not in HostConfig: mount the old ones again so their data stays. */
function keepAnonymousVolumes(info: Docker.ContainerInspectInfo, opts: Docker.ContainerCreateOptions) {
  const host = (opts.HostConfig ??= {});
  const taken = new Set([...(host.Binds ?? []).map((b) => b.split(':')[1]), ...(host.Mounts ?? []).map((m) => m.Target)]);
  const anonymous = (info.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name && !taken.has(m.Destination));
  if (anonymous.length) host.Mounts = [...(host.Mounts ?? []), ...anonymous.map((m) => ({ Type: 'volume' as const, Source: m.Name!, Target: m.Destination, ReadOnly: !m.RW }))];
}

async function viaEngine(ae: AppEnv, c: ContainerSummary): Promise<ContainerSummary> {
  const docker = ae.env.docker;
  const old = docker.getContainer(c.id);
  const info = await old.inspect();
  const image = await docker.getImage(info.Image).inspect().catch(() => null);
  // the reference it was created with when it still names the same image, else the image itself
  const sameRef = await docker.getImage(info.Config.Image).inspect().then((i) => i.Id === info.Image, () => false);
  const opts = recreateOptions(info, image, sameRef ? info.Config.Image : info.Image);
  keepAnonymousVolumes(info, opts);
  const temp = `${c.name.slice(0, 100)}-recreate-${crypto.randomBytes(4).toString('hex')}`;
  const fresh = await docker.createContainer({ ...opts, name: temp });
  const wasRunning = info.State.Running || info.State.Restarting;
  try {
    if (info.State.Paused) await old.unpause();
    if (wasRunning || info.State.Paused) await old.stop({ t: 10 }).catch((e: { statusCode?: number }) => { if (e.statusCode !== 304) throw e; });
    await old.remove({ v: false });
  } catch (e) {
    // the old container stays as it was (restarted if we stopped it); the new one goes
    await fresh.remove({ force: true }).catch(() => undefined);
    if (wasRunning) await old.start().catch(() => undefined);
    throw e;
  }
  await fresh.rename({ name: c.name });
  if (wasRunning || info.State.Paused) await fresh.start();
  await ae.env.watcher.refresh(c.id, true);
  return refreshed(ae.env.watcher, fresh.id, c.name);
}
