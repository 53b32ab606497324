// Types and zod schemas for the slots area (HTTP bodies and socket events), shared by client and server.
import { z } from 'zod';
import type { HealthState, ProbeResult } from './core';
import type { ProbeVia } from './stats';

export const SLOT_NAMES = ['blue', 'green'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
export const slotNameSchema = z.enum(SLOT_NAMES);

/**
 * The slot a response header names, or null. Only the slot is ever reported: the raw value is the
 * app's text, not something to show (or store) as is.
 */
export function slotFromHeader(v: string | string[] | undefined | null): SlotName | null {
  const s = (Array.isArray(v) ? v[0] : v)?.trim().toLowerCase();
  return s === 'blue' || s === 'green' ? s : null;
}

/** A group name is also an nginx upstream name and a file name: letters, digits, _ and - only. */
export const GROUP_RE = /^[A-Za-z0-9_-]{1,64}$/;
export const groupNameSchema = z.string().regex(GROUP_RE, 'a slot group is letters, digits, _ and - only');

/**
 * The only thing ever written into the upstream file: `host:port`, host an IPv4 address or a DNS name
 * (letters, digits, . and -), port 1-65535. Nothing else (no spaces, ;, {, quotes) can reach nginx.
 */
export const UPSTREAM_RE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*):(\d{1,5})$/;
export function isValidUpstream(v: string): boolean {
  const m = UPSTREAM_RE.exec(v);
  if (!m || v.length > 255) return false;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535;
}

/** Docker image reference: [registry/]name[:tag][@digest], no whitespace or shell characters. */
export const imageRefSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9][a-z0-9._/:@-]*$/i, 'not an image reference');

/**
 * How the proxy switches (label `slipway.proxy.switch`): `reload` rewrites the upstream file and runs
 * `nginx -s reload`; `live` also rewrites it (the record of the active slot) but routes by a flag file
 * nginx checks on every request (`<config>.green` next to the upstream file), so no reload happens.
 */
export const SWITCH_MODES = ['reload', 'live'] as const;
export type SwitchMode = (typeof SWITCH_MODES)[number];

/**
 * Issue 15.8: the repositories operators may deploy to a slot (`registry/name`, or `registry/team/*` for
 * every repository under a path). An operator's deploy of another image is refused; admins deploy any.
 */
export const slotImageRepoSchema = z.string().min(1).max(255).regex(/^[a-z0-9][a-z0-9._/:-]*(?:\/\*)?$/, 'a repository such as registry.example/team/app or registry.example/team/*');
export const slotImagesBody = z.object({ repositories: z.array(slotImageRepoSchema).max(200) });
export interface SlotImagesSetting {
  repositories: string[];
}

/** The repository of an image reference: without its tag and digest. */
export function imageRepository(ref: string): string {
  const noDigest = ref.replace(/@.*$/, '');
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

/** Whether an allow-list entry admits the image. */
export function repositoryAllowed(ref: string, allowed: string[]): boolean {
  const repo = imageRepository(ref);
  return allowed.some((a) => (a.endsWith('/*') ? repo.startsWith(a.slice(0, -1)) : repo === a));
}

export const slotGroupParam = z.object({ group: groupNameSchema });
export const switchBody = z.object({ to: slotNameSchema });
export const deployBody = z.object({
  /** recreate the idle slot from its own configuration with this image */
  image: imageRefSchema.optional(),
  /** or deploy it the owner's way: `compose up -d --no-deps [--build] SERVICE` with the stack's own files */
  compose: z.boolean().optional().default(false),
  /** compose: build the service's image first (`--build`) */
  build: z.boolean().optional().default(false),
  /** switch traffic to the slot once it is healthy (off by default) */
  switch: z.boolean().optional().default(false),
  /** how long to wait for the new container to be healthy */
  timeoutSec: z.number().int().min(5).max(900).optional().default(120),
}).refine((b) => (b.image ? !b.compose : b.compose), { message: 'give either an image or compose: true', path: ['image'] });


/** A slot's probe result and how it ran (direct on its own address, exec inside a container, refused). */
export interface SlotProbe extends ProbeResult {
  via: ProbeVia;
  /** exec: the container the GET ran in */
  from?: string;
}

export interface SlotInfo {
  slot: SlotName;
  containerId: string;
  name: string;
  image: string;
  state: string;
  health: HealthState;
  startedAt: string | null;
  /** the validated host:port traffic goes to; null when the label is missing or invalid */
  upstream: string | null;
  upstreamError: string | null;
  /** the compose service it was made from, when compose recorded its files: deploy can run `up -d --no-deps` */
  composeService: string | null;
  probes: SlotProbe[];
}

export interface ProxyInfo {
  containerId: string;
  name: string;
  state: string;
  config: string;
  url: string | null;
  header: string;
  /** how a switch reaches nginx (label slipway.proxy.switch, default reload); null: invalid label */
  mode: SwitchMode | null;
  /** adopt mode (label slipway.proxy.upstream): the owner's upstream block a switch rewrites; null: Slipway owns `config` */
  upstreamBlock: string | null;
  /** live mode: the flag file (present: green serves; absent: blue) and the slot it names now */
  flag: string | null;
  flagSlot: SlotName | null;
  /** the upstream address written in the file, and which slot it names */
  fileUpstream: string | null;
  fileSlot: SlotName | null;
  /** the per-slot upstream blocks in the file (live mode; reload-mode files have none) */
  fileSlots: Partial<Record<SlotName, string>>;
  /** the slot named by the header of a request through slipway.proxy.url */
  servedSlot: SlotName | null;
  servedError: string | null;
  /** false when the file and the served header disagree */
  agrees: boolean;
  error: string | null;
}

export interface SlotGroup {
  group: string;
  /** the slot the proxy sends traffic to (from the file, confirmed by the header when possible) */
  active: SlotName | null;
  slots: Partial<Record<SlotName, SlotInfo>>;
  proxy: ProxyInfo | null;
  problems: string[];
  busy: 'switch' | 'deploy' | null;
}

export interface SwitchStep {
  step: SwitchStepName | string;
  status: 'ok' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
}
export type SwitchStepName = 'lock' | 'gate' | 'write' | 'test' | 'reload' | 'flag' | 'verify' | 'restore' | 'record';

export interface VerifySample {
  ms: number;
  status: number | null;
  slot: string | null;
  error?: string;
}

export interface SwitchResult {
  group: string;
  from: SlotName | null;
  to: SlotName;
  durationMs: number;
  steps: SwitchStep[];
  samples: VerifySample[];
}

export interface SwitchRecord {
  id: number;
  at: string;
  group: string;
  username: string;
  kind: 'switch' | 'deploy';
  from: string | null;
  to: string;
  image: string | null;
  /** `running` while under way; `interrupted` when the server stopped mid-switch (undone at start-up) */
  result: 'running' | 'ok' | 'failed' | 'refused' | 'interrupted';
  durationMs: number;
  error: string | null;
  steps: SwitchStep[];
  samples: VerifySample[];
}

export interface DeployResult {
  group: string;
  slot: SlotName;
  /** `image`: recreated with the given image; `compose`: the stack's compose files, `up -d --no-deps` */
  method: 'image' | 'compose';
  image: string;
  /** compose: what the CLI printed (capped) */
  output?: string;
  containerId: string;
  health: HealthState;
  durationMs: number;
  switched: SwitchResult | null;
}

/** Pushed to every socket while a switch or deploy runs. */
export interface SlotProgressEvent {
  group: string;
  op: 'switch' | 'deploy';
  runId: string;
  step: string;
  status: 'running' | 'ok' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
  at: string;
}

/** Pushed when a switch or deploy of a group has finished (either way): clients refetch. */
export interface SlotDoneEvent {
  group: string;
  op: 'switch' | 'deploy';
  runId: string;
  ok: boolean;
  error?: string;
}

export const SLOT_EVENTS = {
  progress: 'slots:progress',
  done: 'slots:done',
} as const;

/** GET /api/slots/history: one group's switches and deploys (all groups without `group`), newest first. */
export const slotHistoryQuery = z.object({ group: groupNameSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });
