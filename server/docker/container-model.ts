// Maps the Engine API's inspect document to the summary of CONTRACT.md. Pure: unit-tested.
import type Docker from 'dockerode';
import type { ContainerSummary, HealthLogEntry, HealthState } from '../contract';

const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';

export function healthOf(info: Docker.ContainerInspectInfo): HealthState {
  const s = info.State?.Health?.Status;
  if (s === 'healthy' || s === 'unhealthy' || s === 'starting') return s;
  return 'none';
}

/** A one-shot job that exited 0 and is not meant to restart: compose's migrations, init jobs. */
export function isCompleted(info: Docker.ContainerInspectInfo): boolean {
  const policy = info.HostConfig?.RestartPolicy?.Name ?? '';
  return info.State?.Status === 'exited' && info.State.ExitCode === 0 && (policy === '' || policy === 'no');
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const time = (t: string | undefined) => (!t || t.startsWith('0001-') || t === ZERO_TIME ? null : t);

export function statusText(info: Docker.ContainerInspectInfo, now = Date.now()): string {
  const st = info.State;
  const ago = (t: string | null) => (t ? humanDuration(now - Date.parse(t)) : '');
  if (st.Status === 'running') {
    const h = st.Health?.Status ? ` (${st.Health.Status})` : '';
    return `${st.Paused ? 'Paused' : 'Up'} ${ago(time(st.StartedAt))}${h}`.trim();
  }
  if (st.Status === 'exited') return `Exited (${st.ExitCode}) ${ago(time(st.FinishedAt))} ago`;
  if (st.Status === 'created') return 'Created';
  if (st.Status === 'restarting') return `Restarting (${st.ExitCode})`;
  return st.Status;
}

export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} seconds`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours`;
  return `${Math.floor(s / 86400)} days`;
}

export function toSummary(info: Docker.ContainerInspectInfo): ContainerSummary {
  const labels = info.Config?.Labels ?? {};
  const ports: ContainerSummary['ports'] = [];
  for (const [key, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
    const [priv, type] = key.split('/');
    if (!bindings || bindings.length === 0) ports.push({ privatePort: Number(priv), type });
    else for (const b of bindings) ports.push({ ip: b.HostIp, privatePort: Number(priv), publicPort: Number(b.HostPort), type });
  }
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config?.Image ?? info.Image,
    state: info.State?.Status ?? 'unknown',
    status: statusText(info),
    health: healthOf(info),
    completed: isCompleted(info),
    exitCode: info.State?.Status === 'running' ? null : (info.State?.ExitCode ?? null),
    oomKilled: Boolean(info.State?.OOMKilled),
    project: labels[COMPOSE_PROJECT] ?? null,
    service: labels[COMPOSE_SERVICE] ?? null,
    slot: labels['slipway.slot'] ?? null,
    ports,
    networkMode: info.HostConfig?.NetworkMode ?? 'default',
    createdAt: info.Created,
    startedAt: time(info.State?.StartedAt),
    finishedAt: time(info.State?.FinishedAt),
    restartCount: info.RestartCount ?? 0,
    restartPolicy: info.HostConfig?.RestartPolicy?.Name || 'no',
    labels,
  };
}

export function healthLog(info: Docker.ContainerInspectInfo): HealthLogEntry[] {
  const log = (info.State?.Health as { Log?: { Start: string; End: string; ExitCode: number; Output: string }[] } | undefined)?.Log ?? [];
  return log.map((l) => ({ start: l.Start, end: l.End, exitCode: l.ExitCode, output: l.Output.slice(0, 4000) }));
}
