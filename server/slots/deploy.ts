// Deploy to the idle slot, then wait until it is healthy. Two ways:
//   image:   recreate its container from its own configuration with a new image, start it;
//   compose: the owner's way (issue 20.4), `compose up -d --no-deps [--build] SERVICE` with the stack's
//            own files, read from the container's compose labels; the CLI's output is part of the result.
// Traffic is never touched unless `switch` is asked for; on failure the idle slot is left stopped
// (image) or as compose left it, with the error reported.
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import type { ContainerSummary, DeployResult, SlotName, SwitchResult } from '../contract';
import { HttpError, isHttpError } from '../http/errors';
import { recordAudit } from '../audit/audit-log';
import { healthOf, toSummary } from '../docker/container-model';
import { runSlotProbes } from './slot-probes';
import { slipwayPorts } from '../health/health-monitor';
import { withGroupLock } from './lock';
import { Progress } from './progress';
import { freshMembers, proxyState } from './state';
import { switchLocked, SWITCH_TUNING } from './switch';
import { recordSwitch } from './history';
import { notifier } from '../notifications/notifier';
import { recordSlotEvent } from '../events/slot-events';
import { recreateOptions } from './recreate-options';
import { composeOrigin, composeUpArgs } from './compose-origin';
import { detectCompose, runCompose } from '../compose/cli';
import { environments } from '../environments/registry';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DeployRequest {
  image?: string;
  compose: boolean;
  build: boolean;
  switch: boolean;
  timeoutSec: number;
}

/** Deploys to the idle slot by image or, with `compose: true`, the stack's own way. */
export function deployIdle(ae: AppEnv, group: string, req: DeployRequest, username: string): Promise<DeployResult> {
  return withGroupLock(ae, group, 'deploy', () => deployLocked(ae, group, req, username));
}

/** The image way (kept for callers such as the updates area): recreate the idle slot with `image`. */
export function deployToIdle(ae: AppEnv, group: string, image: string, opts: { switch: boolean; timeoutSec: number }, username: string): Promise<DeployResult> {
  return deployIdle(ae, group, { image, compose: false, build: false, ...opts }, username);
}

const OUTPUT_CAP = 64 * 1024;

/** Runs the owner's compose deploy of the idle slot's service; the new container and the CLI output. */
async function composeDeploy(ae: AppEnv, old: ContainerSummary, build: boolean, progress: Progress): Promise<{ id: string; image: string; output: string }> {
  const origin = composeOrigin(old.labels);
  if ('problem' in origin) throw new HttpError(409, `cannot deploy ${old.name} with compose: ${origin.problem}`);
  const cli = await detectCompose();
  if (!cli) throw new HttpError(409, 'no compose CLI on this machine (neither docker compose nor docker-compose answers)');
  const args = composeUpArgs(origin, build);
  progress.note('compose', `${cli.argv.join(' ')} ${args.join(' ')}`);
  let output = '';
  const { exitCode } = await runCompose({
    cli, cwd: origin.workingDir, args,
    engine: { url: environments(ae).urlOf(ae.env.name), name: ae.env.name, tlsDir: ae.app.config.SLIPWAY_TLS_DIR },
    onOutput: (chunk) => {
      if (output.length < OUTPUT_CAP) output += chunk;
      for (const line of chunk.split(/\r?\n/).filter((l) => l.trim())) progress.note('compose', line.slice(0, 300));
    },
  });
  output = output.slice(0, OUTPUT_CAP);
  if (exitCode !== 0) throw new HttpError(502, `compose up of ${origin.service} failed (exit ${exitCode})`, { output });
  const list = await ae.env.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${origin.project}`, `com.docker.compose.service=${origin.service}`] } });
  const fresh = list.sort((a, b) => b.Created - a.Created)[0];
  if (!fresh) throw new HttpError(502, `compose up finished but no container of ${origin.service} exists`, { output });
  return { id: fresh.Id, image: fresh.Image, output };
}

async function ensureImage(docker: Docker, image: string, progress: Progress): Promise<string> {
  try {
    return (await docker.getImage(image).inspect()).Id;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
  }
  progress.note('image', `${image} is not present locally; pulling`);
  try {
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
    return (await docker.getImage(image).inspect()).Id;
  } catch (e) {
    throw new HttpError(404, `image ${image} is not present locally and could not be pulled: ${(e as { json?: { message?: string } }).json?.message ?? (e as Error).message}`);
  }
}

async function deployLocked(ae: AppEnv, group: string, opts: DeployRequest, username: string): Promise<DeployResult> {
  let image = opts.image ?? '(compose)';
  let output: string | undefined;
  const t0 = performance.now();
  const m = await freshMembers(ae.env.docker, group);
  if (!m) throw new HttpError(404, `no slot group ${group}`);
  const progress = new Progress(ae, group, 'deploy');
  let idle: SlotName | null = null;
  let active: SlotName | null = null;
  let result: 'ok' | 'failed' | 'refused' = 'ok';
  let error: string | null = null;
  let switched: SwitchResult | null = null;
  try {
    const old = await progress.step('plan', async () => {
      const proxy = await proxyState(ae.env.docker, m);
      if (!proxy) throw new HttpError(409, `group ${group} has no proxy container`);
      if (m.ambiguous.length) throw new HttpError(409, `group ${group} has more than one ${m.ambiguous.join(' and ')} container: refusing to guess which one to replace`);
      active = proxy.fileSlot;
      if (!active) throw new HttpError(409, `cannot tell which slot of ${group} is active (${proxy.error ?? `upstream ${proxy.fileUpstream ?? 'unreadable'}`}); refusing to deploy`);
      idle = active === 'blue' ? 'green' : 'blue';
      const c = m.slots[idle];
      if (!c) throw new HttpError(409, `group ${group} has no ${idle} container to take the configuration from`);
      return c;
    }, () => `${active} is active; deploying to ${idle} (${m.slots[idle!]!.name})`);
    let created: { id: string; name: string };
    if (opts.compose) {
      const c = await progress.step('compose', () => composeDeploy(ae, old, opts.build, progress), () => `${old.name}: up -d --no-deps${opts.build ? ' --build' : ''} ${old.service ?? ''}`.trim());
      image = c.image;
      output = c.output;
      created = { id: c.id, name: old.name };
    } else created = await recreateWithImage(ae, old, image, progress);

    const health = await progress.step('health', async () => {
      try {
        return await waitHealthy(ae.env.docker, created.id, opts.timeoutSec * 1000, progress, m.proxy, slipwayPorts(ae));
      } catch (e) {
        await ae.env.docker.getContainer(created.id).stop({ t: 5 }).catch(() => undefined);
        throw e;
      }
    }, (h) => `healthy (${h})`);

    if (opts.switch) {
      progress.note('switch', `switching traffic to ${idle}`);
      switched = await switchLocked(ae, group, idle!, username);
    }
    return { group, slot: idle!, method: opts.compose ? 'compose' : 'image', image, ...(output !== undefined ? { output } : {}), containerId: created.id, health, durationMs: Math.round(performance.now() - t0), switched };
  } catch (e) {
    result = isHttpError(e) && e.status === 409 && !progress.steps.some((s) => s.step === 'recreate') ? 'refused' : 'failed';
    error = (e as Error).message;
    throw e;
  } finally {
    const durationMs = Math.round(performance.now() - t0);
    recordSwitch(ae.app.db, { group, username, kind: 'deploy', from: active, to: idle ?? '?', image, result, durationMs, error, steps: progress.steps, samples: [] }, ae.env.name);
    if (result !== 'refused')
      notifier(ae).notify('slot.deployed', result === 'ok' ? `Deployed ${image} to ${group}/${idle}` : `Deploy of ${image} to ${group}/${idle} failed`,
        result === 'ok' ? `${username} deployed ${image} to the idle slot ${idle} of ${group}.` : `${username} deployed ${image} to ${group}/${idle}; it failed and traffic is untouched: ${error ?? 'unknown error'}`,
        result === 'ok' ? 'info' : 'critical', { group, slot: idle, image, result });
    if (result !== 'refused') recordSlotEvent(ae, 'slot.deployed', result === 'ok', result === 'ok' ? `${username} deployed ${image} to ${group}/${idle}` : `deploy of ${image} to ${group}/${idle} failed`, { group, slot: idle, image, result, durationMs, by: username });
    recordAudit(ae.app.db, { username, action: 'slots.deploy', target: `${group}/${idle ?? '?'}`, result: result === 'ok' ? 'ok' : 'failed', detail: { image, durationMs, result, error, switch: opts.switch } });
    progress.done(result === 'ok', error ?? undefined);
  }
}

/** The image way: the same container, recreated from its own inspect output with another image, started. */
async function recreateWithImage(ae: AppEnv, old: ContainerSummary, image: string, progress: Progress): Promise<{ id: string; name: string }> {
  await progress.step('image', () => ensureImage(ae.env.docker, image, progress), (id) => `${image} (${id.slice(7, 19)})`);
  const created = await progress.step('recreate', async () => {
      const info = await ae.env.docker.getContainer(old.id).inspect();
      const oldImage = await ae.env.docker.getImage(info.Image).inspect().catch(() => null);
      const options = recreateOptions(info, oldImage, image);
      const name = info.Name.replace(/^\//, '');
      const wasRunning = info.State.Running;
      if (wasRunning) await ae.env.docker.getContainer(old.id).stop({ t: 10 }).catch((e) => { if ((e as { statusCode?: number }).statusCode !== 304) throw e; });
      const parked = `${name}-slipway-old-${progress.runId}`;
      await ae.env.docker.getContainer(old.id).rename({ name: parked });
      let fresh: Docker.Container;
      try {
        fresh = await ae.env.docker.createContainer({ ...options, name });
        // The Engine API takes one network at create; the others are connected afterwards.
        const primary = Object.keys(options.NetworkingConfig?.EndpointsConfig ?? {})[0];
        for (const [net, ep] of Object.entries(info.NetworkSettings?.Networks ?? {})) {
          if (!primary || net === primary) continue;
          await ae.env.docker.getNetwork(net).connect({ Container: fresh.id, EndpointConfig: { Aliases: ep.Aliases ?? undefined } });
        }
      } catch (e) {
        // Put the old container back as it was: the slot must not vanish because the new one could not be made.
        await ae.env.docker.getContainer(old.id).rename({ name }).catch(() => undefined);
        if (wasRunning) await ae.env.docker.getContainer(old.id).start().catch(() => undefined);
        throw e;
      }
      await ae.env.docker.getContainer(old.id).remove({ force: true, v: false });
      return { id: fresh.id, name };
    }, (c) => `${c.name} recreated from its own configuration with ${image}`);
  await progress.step('start', () => ae.env.docker.getContainer(created.id).start());
  return created;
}

/** Running, Docker-healthy when it has a healthcheck, and its probes passing a few rounds in a row. */
async function waitHealthy(docker: Docker, id: string, timeoutMs: number, progress: Progress, proxy: ContainerSummary | null, ports: number[]) {
  const deadline = Date.now() + timeoutMs;
  let lastHealth = '';
  let streak = 0;
  for (;;) {
    const info = await docker.getContainer(id).inspect();
    const health = healthOf(info);
    if (!info.State.Running) throw new HttpError(502, `the new container is ${info.State.Status} (exit code ${info.State.ExitCode}${info.State.Error ? `: ${info.State.Error}` : ''})`);
    if (health !== lastHealth) progress.note('health', `Docker health: ${health}`);
    lastHealth = health;
    if (health === 'unhealthy') {
      const log = (info.State.Health as { Log?: { Output: string }[] } | undefined)?.Log ?? [];
      throw new HttpError(502, `the new container is unhealthy: ${log[log.length - 1]?.Output?.trim().slice(0, 300) ?? 'healthcheck failed'}`);
    }
    if (health === 'healthy' || health === 'none') {
      const results = await runSlotProbes(docker, toSummary(info), proxy, ports);
      streak = results.every((r) => r.ok) ? streak + 1 : 0;
      if (streak >= SWITCH_TUNING.gateRounds) return health;
      if (Date.now() > deadline) {
        const bad = results.find((r) => !r.ok);
        throw new HttpError(502, `the new container did not pass its probes within ${timeoutMs / 1000} s${bad ? `: ${bad.name} ${bad.error ?? bad.status}` : ''}`);
      }
    } else if (Date.now() > deadline) throw new HttpError(502, `the new container was not healthy within ${timeoutMs / 1000} s (Docker health: ${health})`);
    await sleep(250);
  }
}
