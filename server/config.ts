// Configuration from the environment (CONTRACT.md), parsed once with zod.
// A bad value stops the start with a message naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { parseEnvironmentList, type EnvironmentSpec } from './environments/environment-spec';

const origin = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'each entry must be an origin like https://dash.example.com');

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DOCKER_HOST: z
    .string()
    .regex(/^(unix:\/\/\/.+|tcp:\/\/[^/]+:\d+\/?)$/, 'expected unix:///path/to/docker.sock or tcp://host:port')
    .default('unix:///var/run/docker.sock'),
  SLIPWAY_DATA_DIR: z.string().min(1).default('./data'),
  SLIPWAY_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(256).optional(),
  SLIPWAY_SESSION_TTL: z.coerce.number().int().min(60).max(31_536_000).default(86_400),
  /** first retry delay of a failed webhook delivery; each further retry waits 4x longer */
  SLIPWAY_NOTIFY_RETRY_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
  /** seconds without a keystroke after which a shell session is closed */
  SLIPWAY_SHELL_IDLE_TIMEOUT: z.coerce.number().int().min(2).max(604_800).default(1800),
  /** gzip level of volume backups: 6 is `gzip`'s (and `tar czf`'s) default; 1 is several times faster, 9 smallest */
  SLIPWAY_BACKUP_GZIP_LEVEL: z.coerce.number().int().min(1).max(9).default(6),
  /** 1 MB blocks of a volume backup compressed at once (pigz-style; 1 = one core, like `tar czf`) */
  SLIPWAY_BACKUP_GZIP_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  /** seconds a SQLite backup's integrity check may take in the worker thread before it is stopped and fails */
  SLIPWAY_BACKUP_VERIFY_TIMEOUT: z.coerce.number().int().min(1).max(86_400).default(600),
  /** above this size (MB) a SQLite backup gets PRAGMA quick_check instead of the full integrity_check */
  SLIPWAY_BACKUP_SQLITE_FULL_CHECK_MB: z.coerce.number().int().min(1).max(1_048_576).default(1024),
  SLIPWAY_PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(origin)),
  /**
   * Host names this server answers for (comma-separated; `*`: any). Unset: its own HOST, localhost,
   * 127.0.0.1, ::1, the machine's name and addresses, and SLIPWAY_PUBLIC_ORIGIN's hosts. Others get 421.
   */
  SLIPWAY_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().max(253).regex(/^(\*|[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]+)$/, 'each entry must be a host name, an IP address or *'))),
  /** a test harness's per-run value, echoed as X-Slipway-Instance so a test knows the answering server is its own */
  SLIPWAY_INSTANCE_NONCE: z.string().max(128).regex(/^[A-Za-z0-9_-]+$/).optional(),
  // metrics (server/metrics): a shared secret for scrapers on the main port, and/or a separate port
  // serving /metrics without a credential (bind it to a private network through HOST)
  SLIPWAY_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(256).regex(/^\S+$/, 'must not contain spaces').optional(),
  SLIPWAY_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // environments (server/environments): several engines, `name=url,...`, the default first; without it
  // one environment named "local" on DOCKER_HOST
  SLIPWAY_ENVIRONMENTS: z
    .string()
    .optional()
    .superRefine((v, c) => {
      if (v === undefined) return;
      try {
        parseEnvironmentList(v);
      } catch (e) {
        c.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
      }
    }),
  /** TLS client material per tcp:// environment (NAME/{ca,cert,key}.pem) and SSH keys (NAME/id_ed25519 or id_rsa) */
  SLIPWAY_TLS_DIR: z.string().min(1).optional(),
  // single sign-on (server/auth/oidc.ts): an OpenID provider's issuer URL and this client's credentials;
  // the role comes from one claim through ROLE_MAP (`claim-value=role,...`)
  SLIPWAY_OIDC_ISSUER: z.string().url().refine((v) => /^https?:/.test(v), 'must be an http(s) URL').optional(),
  SLIPWAY_OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  SLIPWAY_OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  SLIPWAY_OIDC_ROLE_CLAIM: z.string().min(1).max(128).default('groups'),
  /** scopes asked for (some providers put the role claim behind its own scope, e.g. `groups`) */
  SLIPWAY_OIDC_SCOPES: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'space-separated scopes').default('openid profile email'),
  SLIPWAY_OIDC_ROLE_MAP: z
    .string()
    .optional()
    .transform((v, c) => {
      const map: Record<string, 'viewer' | 'operator' | 'admin'> = {};
      for (const part of (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
        const eq = part.lastIndexOf('=');
        const role = part.slice(eq + 1).trim();
        if (eq <= 0 || !['viewer', 'operator', 'admin'].includes(role)) {
          c.addIssue({ code: z.ZodIssueCode.custom, message: `"${part}": expected claim-value=viewer|operator|admin` });
          return z.NEVER;
        }
        map[part.slice(0, eq).trim()] = role as 'viewer' | 'operator' | 'admin';
      }
      return map;
    }),
  /** the role of a single sign-on user whose claim matches no ROLE_MAP entry; unset: such a user is refused */
  SLIPWAY_OIDC_DEFAULT_ROLE: z.enum(['viewer', 'operator', 'admin']).optional(),
  /** `off`: password sign-in is refused for everyone but SLIPWAY_BREAK_GLASS_USER */
  SLIPWAY_LOCAL_LOGIN: z.enum(['on', 'off']).default('on'),
  SLIPWAY_BREAK_GLASS_USER: z.string().min(1).max(64).optional(),
  /** how long timeline events are kept (server/events): a count and m, h or d, e.g. 30d */
  SLIPWAY_EVENTS_RETENTION: z
    .string()
    .trim()
    .default('30d')
    .transform((v, c) => {
      const m = /^(\d{1,6})(m|h|d)$/.exec(v);
      const ms = m ? Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'] : 0;
      if (!m || ms < 3_600_000 || ms > 3650 * 86_400_000) {
        c.addIssue({ code: z.ZodIssueCode.custom, message: `"${v}": expected a duration between 1h and 3650d, e.g. 30d, 72h` });
        return z.NEVER;
      }
      return ms;
    }),
});

export type Config = z.infer<typeof schema> & { dataDir: string; dbPath: string; environments: EnvironmentSpec[]; tlsDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as shells often export VAR= to clear a value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(parsed.data.SLIPWAY_DATA_DIR);
  const environments = parsed.data.SLIPWAY_ENVIRONMENTS
    ? parseEnvironmentList(parsed.data.SLIPWAY_ENVIRONMENTS)
    : [{ name: 'local', url: parsed.data.DOCKER_HOST, source: 'config' as const }];
  const d = parsed.data;
  if (d.SLIPWAY_OIDC_ISSUER && !d.SLIPWAY_OIDC_CLIENT_ID)
    throw new ConfigError('Invalid configuration:\n  SLIPWAY_OIDC_CLIENT_ID: required when SLIPWAY_OIDC_ISSUER is set');
  if (d.SLIPWAY_LOCAL_LOGIN === 'off' && !d.SLIPWAY_OIDC_ISSUER)
    throw new ConfigError('Invalid configuration:\n  SLIPWAY_LOCAL_LOGIN: off needs SLIPWAY_OIDC_ISSUER (nobody could sign in)');
  const tlsDir = path.resolve(parsed.data.SLIPWAY_TLS_DIR ?? path.join(dataDir, 'tls'));
  return { ...parsed.data, dataDir, dbPath: path.join(dataDir, 'slipway.db'), environments, tlsDir };
}
