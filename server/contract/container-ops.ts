// Container actions beyond start/stop/restart, the inspect document and the file browser (issue 21).
// Pure: no Node imports, so client components import the same schemas and types.
import { z } from 'zod';
import { containerRef } from './core';

/** Lifecycle actions an operator may run through POST /api/containers/:id/:action. */
export const LIFECYCLE_ACTIONS = ['start', 'stop', 'restart', 'pause', 'unpause', 'recreate'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];
export const lifecycleActionParam = z.object({ id: containerRef, action: z.enum(LIFECYCLE_ACTIONS) });

/** The signals kill accepts: a fixed list, so no number or odd name reaches the engine. */
export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGSTOP', 'SIGCONT'] as const;
export type KillSignal = (typeof KILL_SIGNALS)[number];
export const killBody = z.object({ signal: z.enum(KILL_SIGNALS).default('SIGKILL') }).strict();

/** Docker's own container-name rule, at most 128 characters. */
export const CONTAINER_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
export const renameBody = z.object({ name: z.string().regex(CONTAINER_NAME_RE, 'a container name: letters, digits, _ . - (not first), at most 128') }).strict();

/** Remove: the typed confirmation is the container's name; `volumes` also removes its anonymous volumes. */
export const removeContainerBody = z.object({ confirm: z.string().min(1).max(128), volumes: z.boolean().optional() }).strict();

export interface ContainerActionResult {
  id: string;
  name: string;
  state: string;
}

/** Label keys whose values are masked for roles that may not read secrets (also every Env value). */
export const SECRET_LABEL_RE = /pass|secret|token|key/i;
export const MASK = '••••••';

// ---- files ----
/** A path inside a container or volume: absolute, no NUL, at most 4096 characters (normalized on the server). */
export const filePath = z
  .string()
  .min(1, 'path is required')
  .max(4096)
  .refine((p) => p.startsWith('/'), 'path must be absolute')
  .refine((p) => !p.includes('\0'), 'path must not contain NUL');
export const pathQuery = z.object({ path: filePath.default('/') });
export const fileDownloadQuery = z.object({ path: filePath });
export const fileUploadQuery = z.object({ path: filePath });

export type FileType = 'file' | 'directory' | 'symlink' | 'other';
export interface FileEntry {
  name: string;
  type: FileType;
  size: number;
  /** permission bits as an octal string, e.g. "0644" */
  mode: string;
  uid: number;
  gid: number;
  mtime: string | null;
  /** a symlink's target as written; never followed */
  linkTarget?: string;
}

/** The biggest file the browser views inline; bigger ones offer a download. */
export const VIEW_LIMIT_BYTES = 1024 * 1024;
