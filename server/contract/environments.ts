// Environments: several Docker engines, each a name and a DOCKER_HOST-style URL (server/environments).
import { z } from 'zod';

export interface EnvironmentInfo {
  name: string;
  url: string;
  /** the first environment: used when a request names none */
  default: boolean;
  /** config: SLIPWAY_ENVIRONMENTS (read-only here); settings: added by an admin on the settings page */
  source: 'config' | 'settings';
  reachable: boolean;
  version: string | null;
  /** a swarm manager (services, tasks, scale and rolling updates available) */
  swarm: boolean;
  /** tcp:// with client certificates from SLIPWAY_TLS_DIR/NAME */
  tls: boolean;
  error: string | null;
  since: string;
  containers: { total: number; running: number; unhealthy: number; stopped: number };
}

export const environmentNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, - and _, at most 32, starting with a letter or digit');

export const addEnvironmentBody = z
  .object({
    name: environmentNameSchema,
    url: z
      .string()
      .max(300)
      .regex(
        /^(unix:\/\/\/[^\s,]+|tcp:\/\/[a-zA-Z0-9.-]+:\d{1,5}\/?|ssh:\/\/([a-zA-Z0-9._-]+@)?[a-zA-Z0-9.-]+(:\d{1,5})?\/?)$/,
        'expected unix:///path/to/docker.sock, tcp://host:port or ssh://user@host[:port]',
      ),
  })
  .strict();
export type AddEnvironmentBody = z.infer<typeof addEnvironmentBody>;

/** `env` query parameter / socket payload field; absent means the default environment */
export const envParam = z.object({ env: environmentNameSchema.optional() });

/** DELETE /api/environments/:name */
export const environmentNameParam = z.object({ name: environmentNameSchema });
/** GET /api/environments?fresh=1 asks every engine again before answering. */
export const environmentListQuery = z.object({ fresh: z.enum(['1']).optional() }).strict();
