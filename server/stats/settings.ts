// Settings of the stats and health areas from the environment, parsed with zod at start
// (a bad value stops the server with a message naming the variable).
import { z } from 'zod';
import { ConfigError } from '../config';

const ms = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const schema = z.object({
  /** how long a collector outlives its last viewer */
  SLIPWAY_STATS_GRACE_MS: ms(10_000, 0, 600_000),
  /** how often the overview's compact CPU/memory batch is sent */
  SLIPWAY_STATS_OVERVIEW_MS: ms(2_000, 500, 60_000),
  /** at most this many containers get a collector for the overview */
  SLIPWAY_STATS_OVERVIEW_MAX: z.coerce.number().int().min(0).max(1000).default(100),
  /** default probe interval and timeout; labels slipway.probe.interval / .timeout override per container */
  SLIPWAY_PROBE_INTERVAL_MS: ms(10_000, 200, 3_600_000),
  SLIPWAY_PROBE_TIMEOUT_MS: ms(3_000, 100, 60_000),
});

export type StatsSettings = z.infer<typeof schema>;

export function loadStatsSettings(env: NodeJS.ProcessEnv = process.env): StatsSettings {
  const cleaned = Object.fromEntries(Object.keys(schema.shape).filter((k) => env[k]).map((k) => [k, env[k]]));
  const r = schema.safeParse(cleaned);
  if (!r.success) throw new ConfigError(`Invalid configuration:\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return r.data;
}
