// Types and zod schemas for the shell area (socket events), shared by client and server.
import { z } from 'zod';

export const SHELL_EVENTS = {
  open: 'shell:open',
  input: 'shell:input',
  resize: 'shell:resize',
  close: 'shell:close',
  output: 'shell:output',
  exit: 'shell:exit',
} as const;

const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);
const sessionId = z.string().regex(/^[a-f0-9]{32}$/, 'unknown session');

/** An argv array, or a string split on whitespace (never handed to a shell). */
export const shellCommandSchema = z
  .union([z.array(z.string().min(1).max(4096)).min(1).max(64), z.string().trim().min(1).max(4096)])
  .transform((v) => (Array.isArray(v) ? v : v.split(/\s+/)))
  .refine((argv) => argv.every((a) => !a.includes('\0')), 'command must not contain NUL bytes');

/** `name`, `uid`, `name:group` or `uid:gid`, as `docker exec --user` takes it. */
export const shellUserSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$/, 'user must look like name, uid, name:group or uid:gid');

export const shellOpenSchema = z.object({
  containerId: z.string().min(1).max(256),
  cmd: shellCommandSchema.optional(),
  user: shellUserSchema.optional(),
  cols,
  rows,
});
export type ShellOpenRequest = z.input<typeof shellOpenSchema>;

export const shellInputSchema = z.object({ sessionId, data: z.string().max(65_536) });
export const shellResizeSchema = z.object({ sessionId, cols, rows });
export const shellCloseSchema = z.object({ sessionId });

export interface ShellOpenAck {
  sessionId: string;
  /** the argv that runs (the chosen default shell when none was asked for) */
  cmd: string[];
  user: string | null;
}

export interface ShellOutputEvent {
  sessionId: string;
  data: string;
}

/**
 * Why a session ended: the process exited, the operator closed it, the container stopped,
 * nobody typed for the idle timeout, or the server is shutting down.
 */
export type ShellExitReason = 'exited' | 'closed' | 'container-stopped' | 'idle' | 'shutdown' | 'failed';

export interface ShellExitEvent {
  sessionId: string;
  /** the process's exit code as the engine reports it; null when it never reported one */
  code: number | null;
  reason: ShellExitReason;
}
