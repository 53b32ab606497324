// Docker's swarm JSON (nodes, services, tasks) turned into the contract's shapes. Pure functions, so
// the rules (replica counts, stack grouping, task order) are unit-tested without an engine.
import type { SwarmNode, SwarmPort, SwarmService, SwarmServiceDetail, SwarmServicesResponse, SwarmStack, SwarmTask, SwarmUpdateConfig, SwarmUpdateStatus } from '../contract';

export const STACK_LABEL = 'com.docker.stack.namespace';

// ---- the parts of the Engine API answers read here ----
export interface RawUpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface RawServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate: { ContainerSpec?: { Image?: string; [k: string]: unknown }; [k: string]: unknown };
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; [k: string]: unknown };
  UpdateConfig?: RawUpdateConfig;
  RollbackConfig?: RawUpdateConfig;
  EndpointSpec?: { Ports?: RawPort[] };
  [k: string]: unknown;
}

interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawService {
  ID: string;
  Version: { Index: number };
  CreatedAt: string;
  UpdatedAt: string;
  Spec: RawServiceSpec;
  PreviousSpec?: RawServiceSpec;
  Endpoint?: { Ports?: RawPort[] };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
  /** only with ?status=true (API 1.41) */
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

export interface RawTask {
  ID: string;
  CreatedAt: string;
  UpdatedAt: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

export interface RawNode {
  ID: string;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Spec?: { Role?: string; Availability?: string };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

/** Swarm pins images by digest (`repo:tag@sha256:...`) when a registry resolved them; show the tag. */
export function displayImage(image: string | undefined): string {
  if (!image) return '';
  const at = image.indexOf('@sha256:');
  return at > 0 ? image.slice(0, at) : image;
}

export function toNode(n: RawNode, selfId: string | null): SwarmNode {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID.slice(0, 12),
    role: n.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: n.Spec?.Availability ?? 'unknown',
    state: n.Status?.State ?? 'unknown',
    addr: n.ManagerStatus?.Addr ?? n.Status?.Addr ?? null,
    leader: Boolean(n.ManagerStatus?.Leader),
    reachability: n.ManagerStatus?.Reachability ?? null,
    engineVersion: n.Description?.Engine?.EngineVersion ?? null,
    self: n.ID === selfId,
  };
}

function toPorts(s: RawService): SwarmPort[] {
  const ports = s.Endpoint?.Ports ?? s.Spec.EndpointSpec?.Ports ?? [];
  return ports.map((p) => ({ protocol: p.Protocol ?? 'tcp', targetPort: p.TargetPort ?? 0, publishedPort: p.PublishedPort ?? null, publishMode: p.PublishMode ?? 'ingress' }));
}

function toUpdateStatus(s: RawService): SwarmUpdateStatus | null {
  const u = s.UpdateStatus;
  if (!u?.State) return null;
  return { state: u.State, message: u.Message ?? '', startedAt: u.StartedAt ?? null, completedAt: u.CompletedAt ?? null };
}

const NS = 1e9;
export function toUpdateConfig(c: RawUpdateConfig | undefined): SwarmUpdateConfig | null {
  if (!c) return null;
  return {
    parallelism: c.Parallelism ?? 1,
    delaySeconds: (c.Delay ?? 0) / NS,
    failureAction: c.FailureAction ?? 'pause',
    monitorSeconds: (c.Monitor ?? 5 * NS) / NS,
    order: c.Order ?? 'stop-first',
    maxFailureRatio: c.MaxFailureRatio ?? 0,
  };
}

export function serviceMode(spec: RawServiceSpec): SwarmService['mode'] {
  if (spec.Mode?.Replicated) return 'replicated';
  if (spec.Mode?.Global) return 'global';
  return 'other';
}

/** Tasks the orchestrator wants running; a replicated service's counts come from them when the list has no ServiceStatus. */
export function activeTasks(tasks: RawTask[]): RawTask[] {
  return tasks.filter((t) => t.DesiredState === 'running');
}

export function toService(s: RawService, tasks?: RawTask[]): SwarmService {
  const mode = serviceMode(s.Spec);
  const replicas = mode === 'replicated' ? (s.Spec.Mode?.Replicated?.Replicas ?? 1) : null;
  let running = s.ServiceStatus?.RunningTasks ?? 0;
  let desired = s.ServiceStatus?.DesiredTasks ?? replicas ?? 0;
  if (tasks) {
    const active = activeTasks(tasks);
    running = active.filter((t) => t.Status?.State === 'running').length;
    desired = mode === 'replicated' ? (replicas ?? 0) : active.length;
  }
  return {
    id: s.ID,
    name: s.Spec.Name,
    mode,
    replicas,
    running,
    desired,
    image: displayImage(s.Spec.TaskTemplate.ContainerSpec?.Image),
    ports: toPorts(s),
    updateStatus: toUpdateStatus(s),
    stack: s.Spec.Labels?.[STACK_LABEL] ?? null,
    createdAt: s.CreatedAt,
    updatedAt: s.UpdatedAt,
    version: s.Version.Index,
  };
}

export function toTask(t: RawTask, nodeNames: Map<string, string>): SwarmTask {
  const st = t.Status ?? {};
  return {
    id: t.ID,
    slot: t.Slot ?? null,
    nodeId: t.NodeID ?? null,
    nodeHostname: t.NodeID ? (nodeNames.get(t.NodeID) ?? null) : null,
    desiredState: t.DesiredState,
    state: st.State ?? 'unknown',
    message: st.Message ?? '',
    error: st.Err || null,
    containerId: st.ContainerStatus?.ContainerID || null,
    exitCode: st.ContainerStatus?.ExitCode ?? null,
    image: displayImage(t.Spec?.ContainerSpec?.Image),
    createdAt: t.CreatedAt,
    updatedAt: t.UpdatedAt,
    stateSince: st.Timestamp ?? null,
  };
}

/** Tasks the engine wants running first (by slot), then the history, newest first. */
export function sortTasks(tasks: SwarmTask[]): SwarmTask[] {
  const rank = (t: SwarmTask) => (t.desiredState === 'running' ? 0 : 1);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || (a.slot ?? 0) - (b.slot ?? 0) || b.createdAt.localeCompare(a.createdAt));
}

export function toServiceDetail(s: RawService, tasks: RawTask[], nodeNames: Map<string, string>): SwarmServiceDetail {
  return {
    ...toService(s, tasks),
    updateConfig: toUpdateConfig(s.Spec.UpdateConfig),
    rollbackConfig: toUpdateConfig(s.Spec.RollbackConfig),
    previousImage: s.PreviousSpec ? displayImage(s.PreviousSpec.TaskTemplate.ContainerSpec?.Image) : null,
    labels: s.Spec.Labels ?? {},
    tasks: sortTasks(tasks.map((t) => toTask(t, nodeNames))),
  };
}

/** Services grouped by their stack namespace label, stacks and services by name. */
export function groupServices(services: SwarmService[]): SwarmServicesResponse {
  const sorted = [...services].sort((a, b) => a.name.localeCompare(b.name));
  const byStack = new Map<string, SwarmService[]>();
  const standalone: SwarmService[] = [];
  for (const s of sorted) {
    if (s.stack) byStack.set(s.stack, [...(byStack.get(s.stack) ?? []), s]);
    else standalone.push(s);
  }
  const stacks: SwarmStack[] = [...byStack.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({ name, services: list }));
  return { services: sorted, stacks, standalone };
}

/** The replica count a person reads: "2/3" (running/desired). */
export function replicasText(s: Pick<SwarmService, 'running' | 'desired'>): string {
  return `${s.running}/${s.desired}`;
}
