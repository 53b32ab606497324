// Types and zod schemas shared by the browser and the server for HTTP bodies and socket events.
// Pure module: no Node imports, so client components can import it.
import { z } from 'zod';

/** What Slipway's own probes say about a container: `none` when it has no probe labels. */
export type ProbeStatus = 'ok' | 'failing' | 'partial' | 'pending' | 'none';
/** The rollup of Docker health, probes, exits and restarts (see docs in group-stacks.ts). */
export type Rollup = 'healthy' | 'degraded' | 'unhealthy' | 'none';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export type HealthState = 'healthy' | 'unhealthy' | 'starting' | 'none';
export type ServiceState = 'running' | 'partial' | 'stopped' | 'completed' | 'failed';

export interface PortBinding {
  ip?: string;
  privatePort?: number;
  publicPort?: number;
  type: string;
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  health: HealthState;
  completed: boolean;
  exitCode: number | null;
  oomKilled: boolean;
  project: string | null;
  service: string | null;
  slot: string | null;
  ports: PortBinding[];
  /** host-network containers publish nothing; the labels and probes tell where they listen */
  networkMode: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  restartCount: number;
  restartPolicy: string;
  labels: Record<string, string>;
  /** Slipway's HTTP probes (slipway.probe.NAME labels); absent before the health monitor saw it */
  probeStatus?: ProbeStatus;
  /** the restart count rose 3+ times in the last 10 minutes, or Docker is restarting it */
  restartLoop?: boolean;
}

export interface HealthLogEntry {
  start: string;
  end: string;
  exitCode: number;
  output: string;
}

export interface ContainerDetail extends ContainerSummary {
  command: string[];
  env: string[] | null; // null when the role may not read secrets
  mounts: { type: string; source: string; destination: string; name?: string }[];
  health_log: HealthLogEntry[];
  failingStreak: number;
  /** the latest result of each probe */
  probes: ProbeResult[];
  /** the last results of each probe, oldest first */
  probeHistory?: Record<string, ProbeResult[]>;
}

export interface ProbeResult {
  name: string;
  url: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  status: string | null;
  error: string | null;
  at: string;
}

export interface ServiceSummary {
  name: string;
  state: ServiceState;
  health: HealthState;
  /** healthy / degraded / unhealthy across Docker health, probes, exits and restarts */
  rollup?: Rollup;
  containers: ContainerSummary[];
}

export interface StackSummary {
  name: string;
  /** true for the pseudo-stack holding containers outside compose */
  standalone: boolean;
  state: ServiceState;
  health: HealthState;
  rollup?: Rollup;
  services: ServiceSummary[];
}

export interface EngineStatus {
  reachable: boolean;
  version?: string;
  error?: string;
  since: string;
}

export interface Me {
  username: string;
  role: Role;
  /** an admin reset the password: only the change-password form works until it is changed */
  mustChangePassword?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  target: string | null;
  result: 'ok' | 'denied' | 'failed';
  detail: string | null;
  /** the environment it happened in; null: the default one (entries from before environments were recorded) or none */
  env: string | null;
}

export interface UserRow {
  username: string;
  role: Role;
  createdAt: string;
  /** 'oidc': signs in through single sign-on, has no password here */
  source: 'local' | 'oidc';
  /** an admin reset the password: the user must choose a new one before anything else */
  mustChangePassword: boolean;
}

export interface TokenRow {
  id: number;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** null: no expiry (the token still dies with its creator) */
  expiresAt: string | null;
}

// ---- HTTP bodies and params ----
const username = z.string().min(1).max(64).regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . - only');
const password = z.string().min(8, 'at least 8 characters').max(256);

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), code: z.string().trim().min(1).max(32).optional() });
export const setupBody = z.object({ token: z.string().min(1).max(200), username, password });
export const createUserBody = z.object({ username, password, role: roleSchema });
export const updateUserBody = z
  .object({ password: password.optional(), role: roleSchema.optional() })
  .refine((v) => v.password !== undefined || v.role !== undefined, 'nothing to change');
export const usernameParam = z.object({ username });
export const createTokenBody = z.object({
  name: z.string().min(1).max(64),
  role: roleSchema,
  /** optional expiry (ISO 8601 with zone), in the future */
  expiresAt: z.string().datetime({ offset: true }).optional(),
});
export const tokenIdParam = z.object({ id: z.coerce.number().int().positive() });

/** A container reference: a full or short hex id, or a container name (Docker's own name rules). */
export const containerRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');
export const containerIdParam = z.object({ id: containerRef });
export const containerActionParam = z.object({ id: containerRef, action: z.enum(['start', 'stop', 'restart']) });
/** a time bound: anything Date.parse reads (RFC 3339, a datetime-local value), normalised to ISO */
const auditTime = z
  .string()
  .max(64)
  .refine((v) => Number.isFinite(Date.parse(v)), 'expected a date and time, e.g. 2026-12-06T10:00:00Z')
  .transform((v) => new Date(Date.parse(v)).toISOString());
/** The audit log's filters (issue 17.8); every one narrows, none widens what a role may see. */
export const auditFilters = z.object({
  user: z.string().min(1).max(128).optional(),
  /** an exact action, or a family with a trailing dot: `stack.` */
  action: z.string().min(1).max(128).optional(),
  /** part of the target, any case */
  target: z.string().min(1).max(256).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  since: auditTime.optional(),
  until: auditTime.optional(),
  /** part of the user, action, target, or a detail the caller may read */
  q: z.string().min(1).max(200).optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;
export const auditQuery = auditFilters
  .extend({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** the next page: entries older than this id */
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict();
export const auditExportQuery = auditFilters.extend({ format: z.enum(['csv', 'jsonl']).default('jsonl') }).strict();

// ---- socket events ----
export interface ContainerChangedEvent {
  id: string;
  state: string;
  health: HealthState;
  removed?: boolean;
  container?: ContainerSummary;
  /** the environment it happened in (every push is stamped with it, server/app.ts) */
  env?: string;
}

export const SOCKET_EVENTS = {
  containerChanged: 'container:changed',
  engineStatus: 'engine:status',
  /** to every socket whatever its environment: an environment's engine went away or came back */
  environmentStatus: 'environment:status',
} as const;

// ---- HTTP answers without an area of their own ----
/** GET /api/health (no sign-in): the process answers; `degraded` while the engine is unreachable. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  docker: { reachable: boolean; version?: string; error?: string };
}

/** The answer of a change that has nothing else to say (deletes, revocations). */
export interface OkResult {
  ok: true;
}

/** The answer of a change that runs on in the background (202): the job to follow. */
export interface StartedJob<Id = string> {
  id: Id;
}
