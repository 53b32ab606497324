// A burst of real container restarts for the timeline tests (issue 18: "1,000 container restarts in a
// minute"): busybox containers of one compose service, restarted with `t: 0` in parallel loops until the
// wanted number of restarts is done; and the engine's own events over a window, read back as the
// reference the stored timeline is compared with.
import { createTestContainer, docker } from './containers';

export interface Burst {
  ids: string[];
  restarts: number;
  /** epoch ms when the first restart was asked for and when the last one returned */
  startedAt: number;
  endedAt: number;
}

/** Creates `containers` sleeping busybox containers as `project`/`service` (replicas 1..n). */
export async function burstContainers(project: string, service: string, containers: number): Promise<string[]> {
  const made = await Promise.all(Array.from({ length: containers }, (_, i) => createTestContainer({ project, service, index: i + 1, cmd: ['sleep', '3600'] })));
  return made.map((c) => c.id);
}

/**
 * How many restarts a burst test makes: the 1,000 unless SLIPWAY_BURST_RESTARTS says otherwise (an
 * engine on a machine loaded far beyond its cores restarts a container in seconds, not milliseconds).
 */
export const BURST_RESTARTS = Number(process.env.SLIPWAY_BURST_RESTARTS ?? 1000);

/**
 * Restarts the containers `total` times in all, each container in its own loop, at once; no new restart is
 * asked for once `withinMs` has passed (the burst's `restarts` then says how far it got).
 */
export async function restartBurst(ids: string[], total: number, withinMs = Infinity): Promise<Burst> {
  let asked = 0;
  const startedAt = Date.now();
  await Promise.all(
    ids.map(async (id) => {
      while (asked < total && Date.now() - startedAt < withinMs) {
        asked++;
        await docker.getContainer(id).restart({ t: 0 });
      }
    }),
  );
  return { ids, restarts: asked, startedAt, endedAt: Date.now() };
}

/**
 * The engine's container events with the given labels from now until `stop()`, counted by action (`restart`,
 * `die`, …), read live: the engine keeps only its last 256 events for a `since` query, and a shared engine
 * makes more than that in a minute.
 */
export async function watchEngineEvents(labels: string[]): Promise<{ counts: Map<string, number>; stop: () => void }> {
  const stream = (await docker.getEvents({ filters: { type: ['container'], label: labels } })) as NodeJS.ReadableStream & { destroy: () => void };
  const counts = new Map<string, number>();
  let buf = '';
  stream.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const action = String((JSON.parse(line) as { Action?: string }).Action ?? '');
      counts.set(action, (counts.get(action) ?? 0) + 1);
    }
  });
  stream.on('error', () => undefined);
  return { counts, stop: () => stream.destroy() };
}
