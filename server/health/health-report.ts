// The health page's data: every container with its rollup and the reasons behind it, not healthy first.
import type { AppEnv } from '../app';
import type { ContainerSummary } from '../contract/core';
import type { ContainerHealthReport, HealthReason } from '../contract/stats';
import { healthLog } from '../docker/container-model';
import { containerRollup, exitedFailing, healthBadge, rollupRank } from './rollup';
import { healthMonitor } from './health-monitor';

function mb(n: number) {
  return `${Math.round(n / 1048576)} MB`;
}

export async function healthReports(ae: AppEnv): Promise<ContainerHealthReport[]> {
  const monitor = healthMonitor(ae);
  const containers = ae.env.watcher.list();
  // Only containers Docker calls unhealthy or starting are inspected, for their last check output.
  const inspected = new Map<string, Awaited<ReturnType<typeof inspectHealth>>>();
  await Promise.all(containers.filter((c) => (!healthBadge(c).stale && (c.health === 'unhealthy' || c.health === 'starting')) || c.oomKilled).map(async (c) => inspected.set(c.id, await inspectHealth(ae, c.id))));
  const reports = containers.map((c) => report(c, monitor.latestFor(c.id), monitor.recentRestarts(c.id), inspected.get(c.id)));
  return reports.sort((a, b) => rollupRank(a.rollup) - rollupRank(b.rollup) || a.name.localeCompare(b.name));
}

async function inspectHealth(ae: AppEnv, id: string) {
  try {
    const info = await ae.env.docker.getContainer(id).inspect();
    const h = info.State?.Health as { FailingStreak?: number } | undefined;
    return { log: healthLog(info), failingStreak: h?.FailingStreak ?? 0, memLimit: info.HostConfig?.Memory ?? 0 };
  } catch {
    return undefined;
  }
}

function report(c: ContainerSummary, probes: ContainerHealthReport['probes'], recentRestarts: number, extra: Awaited<ReturnType<typeof inspectHealth>>): ContainerHealthReport {
  const reasons: HealthReason[] = [];
  if (c.oomKilled) reasons.push({ kind: 'oom', text: `OOM-killed: the kernel ended it for exceeding its memory limit${extra?.memLimit ? ` (${mb(extra.memLimit)})` : ''}` });
  if (c.state === 'restarting') reasons.push({ kind: 'restarting', text: `Docker is restarting it (last exit code ${c.exitCode ?? '?'}, ${c.restartCount} restarts)` });
  if (c.restartLoop && c.state !== 'restarting') reasons.push({ kind: 'restart-loop', text: `restart loop: ${recentRestarts} restarts in the last 10 minutes (${c.restartCount} in total)` });
  if (!c.oomKilled && exitedFailing(c)) reasons.push({ kind: 'exit', text: `exited with code ${c.exitCode}` });
  // a stopped container's last healthcheck verdict is stale (rollup.ts): no reason of today
  const live = !healthBadge(c).stale;
  if (live && c.health === 'unhealthy') {
    const last = extra?.log[extra.log.length - 1];
    const out = last?.output.trim().slice(0, 300);
    reasons.push({ kind: 'healthcheck', text: `healthcheck failing${extra?.failingStreak ? ` ${extra.failingStreak} times in a row` : ''}${last ? `: exit ${last.exitCode}${out ? `, "${out}"` : ''}` : ''}` });
  }
  if (live && c.health === 'starting') reasons.push({ kind: 'starting', text: 'healthcheck has not passed yet' });
  if (c.state === 'running') for (const p of probes.filter((x) => !x.ok)) reasons.push({ kind: 'probe', text: `probe ${p.name} (${p.url}): ${p.error ?? 'failed'}` });
  return {
    containerId: c.id,
    name: c.name,
    project: c.project,
    service: c.service,
    state: c.state,
    health: c.health,
    probeStatus: c.probeStatus ?? 'none',
    rollup: containerRollup(c),
    failingStreak: extra?.failingStreak ?? 0,
    restartCount: c.restartCount,
    oomKilled: c.oomKilled,
    exitCode: c.exitCode,
    reasons,
    probes,
  };
}
