// Types and zod schemas of the Swarm area (nodes, services, tasks, scale, rolling update, rollback,
// pushed update progress and service logs), shared by client and server. Pure: no Node imports.
import { z } from 'zod';
import type { LogLine } from './logs';

export type SwarmNodeRole = 'manager' | 'worker';

export interface SwarmNode {
  id: string;
  hostname: string;
  role: SwarmNodeRole;
  /** active | pause | drain */
  availability: string;
  /** ready | down | disconnected | unknown */
  state: string;
  addr: string | null;
  leader: boolean;
  /** manager reachability: reachable | unreachable | unknown; null on workers */
  reachability: string | null;
  engineVersion: string | null;
  /** the node this environment's engine runs on */
  self: boolean;
}

export interface SwarmStatus {
  /** true when this environment's engine is a swarm manager: every other /api/swarm route needs it */
  swarm: boolean;
  /** Docker's LocalNodeState: inactive | pending | active | error | locked */
  nodeState: string;
  isManager: boolean;
  nodeId: string | null;
  clusterId: string | null;
  /** why swarm routes answer 409 (not in a swarm, a worker, locked...) */
  message: string | null;
  nodes: SwarmNode[];
}

export interface SwarmPort {
  protocol: string;
  targetPort: number;
  publishedPort: number | null;
  /** ingress | host */
  publishMode: string;
}

/** Docker's UpdateStatus.State: updating, paused, completed, rollback_started, rollback_paused, rollback_completed */
export interface SwarmUpdateStatus {
  state: string;
  message: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface SwarmUpdateConfig {
  parallelism: number;
  delaySeconds: number;
  failureAction: string;
  monitorSeconds: number;
  order: string;
  maxFailureRatio: number;
}

export interface SwarmService {
  id: string;
  name: string;
  mode: 'replicated' | 'global' | 'other';
  /** desired replica count of a replicated service; null for global */
  replicas: number | null;
  running: number;
  desired: number;
  image: string;
  ports: SwarmPort[];
  updateStatus: SwarmUpdateStatus | null;
  /** com.docker.stack.namespace (docker stack deploy); null for a service created on its own */
  stack: string | null;
  createdAt: string;
  updatedAt: string;
  /** Docker's spec version; changes on every update */
  version: number;
}

export interface SwarmTask {
  id: string;
  /** replica slot of a replicated service; null for global tasks (one per node) */
  slot: number | null;
  nodeId: string | null;
  nodeHostname: string | null;
  desiredState: string;
  state: string;
  message: string;
  error: string | null;
  containerId: string | null;
  exitCode: number | null;
  image: string;
  createdAt: string;
  updatedAt: string;
  /** Status.Timestamp: when the task entered its current state */
  stateSince: string | null;
}

export interface SwarmServiceDetail extends SwarmService {
  updateConfig: SwarmUpdateConfig | null;
  rollbackConfig: SwarmUpdateConfig | null;
  /** the image a rollback goes back to; null when the service has no previous spec */
  previousImage: string | null;
  labels: Record<string, string>;
  /** newest first: current tasks, then the history Docker keeps (task-history limit) */
  tasks: SwarmTask[];
}

export interface SwarmStack {
  name: string;
  services: SwarmService[];
}

export interface SwarmServicesResponse {
  services: SwarmService[];
  /** services deployed with `docker stack deploy`, grouped by their namespace label */
  stacks: SwarmStack[];
  /** services that belong to no stack */
  standalone: SwarmService[];
}

export type SwarmOp = 'update' | 'rollback' | 'scale';

/**
 * Pushed to the sockets watching a service (swarm:watch) whenever what they see changes: about twice a
 * second while an update, rollback or scale of this server runs (or one Docker reports in progress),
 * every two seconds otherwise. Carries the whole service with its tasks, so the client just stores it.
 */
export interface SwarmProgressEvent {
  serviceId: string;
  /** null for a change seen while no run of this server was active (docker CLI, another Slipway) */
  runId: string | null;
  op: SwarmOp | null;
  /** running while the engine works on a run; done once it finished, rolled back, paused or gave up; idle outside runs */
  phase: 'running' | 'done' | 'idle';
  /** set when phase is done: the requested change is in place (a rolled-back update is not ok) */
  ok: boolean | null;
  message: string;
  at: string;
  elapsedMs: number;
  /** null once the service is gone */
  service: SwarmServiceDetail | null;
}

export interface SwarmChangeResult {
  ok: true;
  serviceId: string;
  runId: string;
  version: number;
  warnings: string[];
}

export interface SwarmLogLine extends LogLine {
  taskId: string | null;
  /** "name.slot" of the task (or name.node for global tasks) when known */
  task: string | null;
}

export interface SwarmLogsLinesEvent {
  subscriptionId: string;
  lines: SwarmLogLine[];
}

export interface SwarmLogsEndedEvent {
  subscriptionId: string;
  message: string;
}

export const SWARM_EVENTS = {
  /** join the progress feed of one service */
  watch: 'swarm:watch',
  unwatch: 'swarm:unwatch',
  progress: 'swarm:progress',
  logsSubscribe: 'swarm:logs:subscribe',
  logsUnsubscribe: 'swarm:logs:unsubscribe',
  logsLines: 'swarm:logs:lines',
  logsEnded: 'swarm:logs:ended',
} as const;

// ---- schemas ----
/** a service ID or name (Docker accepts both); no slashes or dots that could walk an URL path */
export const swarmServiceRef = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected a service ID or name');
export const swarmServiceParam = z.object({ id: swarmServiceRef });

/** a local image reference: repository[:tag] or repository@sha256:..., or an image ID */
export const swarmImageRef = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^(sha256:[a-f0-9]{64}|[a-z0-9][a-z0-9._/:-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?)$/, 'expected an image like repository:tag');

export const swarmScaleBody = z.object({ replicas: z.number().int().min(0).max(100) }).strict();

export const swarmUpdateBody = z
  .object({
    image: swarmImageRef,
    parallelism: z.number().int().min(0).max(100).default(1),
    delaySeconds: z.number().min(0).max(3600).default(0),
    order: z.enum(['start-first', 'stop-first']).default('start-first'),
    failureAction: z.enum(['rollback', 'pause', 'continue']).default('rollback'),
    /** how long each new task must stay up to count as healthy */
    monitorSeconds: z.number().min(0).max(3600).default(5),
    maxFailureRatio: z.number().min(0).max(1).default(0),
  })
  .strict();
export type SwarmUpdateRequest = z.infer<typeof swarmUpdateBody>;

export const swarmWatchSchema = z.object({ serviceId: swarmServiceRef });
export const swarmLogsSubscribeSchema = z.object({
  serviceId: swarmServiceRef,
  tail: z.number().int().min(0).max(10_000).default(200),
});
export const swarmLogsUnsubscribeSchema = z.object({ subscriptionId: z.string().min(1).max(64) });
