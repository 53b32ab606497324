// Keeps the events table bounded: rows older than SLIPWAY_EVENTS_RETENTION go, and past the row cap the
// oldest go too. Deleted in small batches (each its own short transaction) so a big prune never holds
// the store's write lock long enough to stall a request; run at start and then hourly.
import type { Db } from '../store/db';

export const EVENTS_ROW_CAP = 500_000;
const BATCH = 2_000;
const HOUR_MS = 3_600_000;

/** Deletes what is too old or over the cap; returns how many rows went. */
export function pruneEvents(db: Db, retentionMs: number, opts: { nowMs?: number; cap?: number; batch?: number } = {}): number {
  const cutoff = (opts.nowMs ?? Date.now()) - retentionMs;
  const cap = opts.cap ?? EVENTS_ROW_CAP;
  const batch = opts.batch ?? BATCH;
  const byAge = db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < ? ORDER BY at LIMIT ?)');
  let removed = 0;
  for (;;) {
    const n = byAge.run(cutoff, batch).changes;
    removed += n;
    if (n < batch) break;
  }
  const count = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  let over = count - cap;
  const oldest = db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY at, id LIMIT ?)');
  while (over > 0) {
    const n = oldest.run(Math.min(batch, over)).changes;
    if (n === 0) break;
    removed += n;
    over -= n;
  }
  return removed;
}

/** Prunes now and every hour; the returned function stops it. */
export function startEventPruning(db: Db, retentionMs: number): () => void {
  const run = () => {
    try {
      const n = pruneEvents(db, retentionMs);
      if (n > 0) console.log(`[events] pruned ${n} event(s)`);
    } catch (e) {
      console.error('[events] pruning failed:', (e as Error).message);
    }
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
