// Types and zod schemas for the stats and health areas (HTTP bodies and socket events), shared by
// client and server. Pure: no Node imports.
import { z } from 'zod';
import { containerRef, type HealthState, type ProbeResult, type ProbeStatus, type Rollup } from './core';

/** One reading of a container, as the docker CLI computes it (CONTRACT.md `stats:sample`). */
export interface StatsSample {
  containerId: string;
  /** ms since epoch */
  ts: number;
  /** per-CPU delta over system delta, times online CPUs (100 = one core) */
  cpuPercent: number;
  /** usage minus inactive file cache, as `docker stats` shows it */
  memBytes: number;
  memLimit: number;
  /** false when the container has no memory limit (Docker then reports the host's memory as limit) */
  memLimited?: boolean;
  /** totals since the container started, bytes */
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  /** bytes per second since the previous sample (0 on the first) */
  netRxRate: number;
  netTxRate: number;
  blkReadRate: number;
  blkWriteRate: number;
}

/** The overview's compact reading: one batch every few seconds for every running container. */
export interface OverviewStatsSample {
  containerId: string;
  cpuPercent: number;
  memBytes: number;
  memLimit: number;
}

export interface CollectorInfo {
  containerId: string;
  viewers: number;
  /** Docker stats streams this collector opened over its life (1 unless the stream broke) */
  streamsOpened: number;
  samples: number;
  /** set when the last viewer left; the collector stops at this time */
  stopsAt: number | null;
}

export const statsSubscribe = z.object({ containerId: containerRef });
export const statsUnsubscribe = z.object({ containerId: containerRef });

export const STATS_EVENTS = {
  subscribe: 'stats:subscribe',
  unsubscribe: 'stats:unsubscribe',
  sample: 'stats:sample',
  overviewSubscribe: 'stats:overview:subscribe',
  overviewUnsubscribe: 'stats:overview:unsubscribe',
  overview: 'stats:overview',
  /** the subscription is over: the container was removed (its room is emptied; subscribe again to a new one) */
  ended: 'stats:ended',
} as const;

export interface StatsEndedEvent {
  containerId: string;
  reason: 'removed';
  message: string;
}

// ---- health ----

// ProbeStatus and Rollup are defined beside the container shape that carries them (core.ts), so the two
// contract modules import in one direction only.
export type { ProbeStatus, Rollup } from './core';

/**
 * How a probe runs: `direct` (Slipway fetches the container's own published or labelled address),
 * `exec` (a small HTTP GET inside the container, for URLs naming a container or service on its
 * network), `refused` (the URL is not the container's own address).
 */
export type ProbeVia = 'direct' | 'exec' | 'refused';

export interface HealthReason {
  kind: 'healthcheck' | 'probe' | 'oom' | 'exit' | 'restart-loop' | 'restarting' | 'starting';
  text: string;
}

export interface ContainerHealthReport {
  containerId: string;
  name: string;
  project: string | null;
  service: string | null;
  state: string;
  health: HealthState;
  probeStatus: ProbeStatus;
  rollup: Rollup;
  failingStreak: number;
  restartCount: number;
  oomKilled: boolean;
  exitCode: number | null;
  reasons: HealthReason[];
  probes: ProbeResult[];
}

export interface HealthChangedEvent {
  containerId: string;
  probeStatus: ProbeStatus;
  probes: ProbeResult[];
}

export const HEALTH_EVENTS = { changed: 'health:changed' } as const;
export const healthContainerParam = z.object({ id: containerRef });
