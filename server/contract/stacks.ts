// Stacks you can run (issue 13): compose files, operations, scale, drift. Shared by browser and server.
import { z } from 'zod';
import type { StackSummary } from './core';

/** A stack created in Slipway: one folder under SLIPWAY_STACKS_DIR, so the name is also a path segment. */
export const STACK_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const stackNameSchema = z.string().regex(STACK_NAME_RE, 'must match ^[a-z0-9][a-z0-9_-]{0,62}$');
/** Compose project and service names as compose itself allows them (adopted stacks are named by compose). */
const composeName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'not a compose name');

export const stackParam = z.object({ name: composeName });
export const stackServiceParam = z.object({ name: composeName, service: composeName });
export const operationIdParam = z.object({ id: z.string().regex(/^[a-f0-9]{16,64}$/, 'not an operation id') });
export const versionParam = z.object({ name: composeName, version: z.coerce.number().int().positive() });

/** 1 MB per file is far beyond any compose file; larger bodies are refused before anything runs. */
const fileText = z.string().max(1_000_000, 'file larger than 1 MB');

export const OPERATION_ACTIONS = ['deploy', 'start', 'stop', 'restart', 'pull', 'redeploy', 'down'] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number] | 'scale';

export const operationBody = z
  .object({
    action: z.enum(OPERATION_ACTIONS),
    service: composeName.optional(),
    /** down only: also remove the stack's named volumes (a separate, explicit choice) */
    removeVolumes: z.boolean().optional(),
    /** down only: the stack's name typed by the user */
    confirm: z.string().max(200).optional(),
  })
  .strict();
export type OperationBody = z.infer<typeof operationBody>;

export const scaleBody = z.object({ replicas: z.number().int().min(0).max(100) }).strict();

export const createStackBody = z.object({ name: stackNameSchema, compose: fileText, env: fileText.optional() }).strict();
export type CreateStackBody = z.infer<typeof createStackBody>;

export const putFilesBody = z
  .object({
    compose: fileText.optional(),
    env: fileText.optional(),
    /** which compose file of a multi-file stack (a name from `files`); the first one when absent */
    file: z.string().max(300).optional(),
  })
  .strict()
  .refine((b) => b.compose !== undefined || b.env !== undefined, 'give compose and/or env');
export type PutFilesBody = z.infer<typeof putFilesBody>;

export const filesQuery = z.object({ file: z.string().max(300).optional() });
export const deleteStackBody = z.object({ confirm: z.string().max(200) }).strict();

export interface DriftEntry {
  inSync: boolean;
  /** what differs: image, env, ports, volumes, labels, command, config, orphan, not created */
  reasons: string[];
}

export interface StackListItem extends StackSummary {
  /** has containers on this engine */
  deployed: boolean;
  /** lives in Slipway's own SLIPWAY_STACKS_DIR */
  managed: boolean;
  /** the project folder, null when compose labels name none */
  dir: string | null;
  /** names of the compose files and `.env` Slipway may show */
  files: string[];
  /** the folder or its compose files are gone (also true with filesElsewhere) */
  filesMissing: boolean;
  /** adopted on an engine of another host (ssh://, tcp:// off loopback): its files are there, not readable here */
  filesElsewhere: boolean;
  /** per service, from the last drift check (empty before the first) */
  drift: Record<string, DriftEntry>;
}

export interface StackFiles {
  dir: string;
  /** the compose file shown (`file`) */
  file: string;
  compose: string;
  /** null below admin */
  env: string | null;
  /** the `.env` with values masked, for roles that may not read secrets (null when there is no .env) */
  envMasked: string | null;
  /** every compose file of the stack, in `-f` order */
  composeFiles: string[];
  envFile: string | null;
  managed: boolean;
}

export interface FileVersion {
  version: number;
  file: string;
  at: string;
  by: string;
  size: number;
  /** the content; null for `.env` versions below admin */
  content: string | null;
}

export type OperationStatus = 'running' | 'succeeded' | 'failed';

export interface ContainerChange {
  name: string;
  from: string | null;
  to: string | null;
}

export interface OperationRecord {
  id: string;
  env: string;
  stack: string;
  action: OperationAction;
  service: string | null;
  status: OperationStatus;
  exitCode: number | null;
  output: string;
  startedAt: string;
  endedAt: string | null;
  by: string;
  /** the compose commands run, as argument vectors */
  commands: string[][];
  /** containers created, removed or changed state */
  changed: ContainerChange[];
  /** on failure: what compose left running */
  leftRunning: string[] | null;
}

export interface ComposeCliInfo {
  flavor: 'v2' | 'v1';
  version: string;
  command: string;
}

export interface OperationsOverview {
  cli: ComposeCliInfo | null;
  running: OperationRecord[];
}

export interface StackDetail extends StackListItem {
  cli: ComposeCliInfo | null;
  running: OperationRecord | null;
}

export const OPERATION_OUTPUT = 'operation:output';
export const OPERATION_DONE = 'operation:done';
export interface OperationOutputEvent {
  id: string;
  stack: string;
  data: string;
}
export interface OperationDoneEvent {
  id: string;
  stack: string;
  status: OperationStatus;
  exitCode: number | null;
}
