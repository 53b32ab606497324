// Starts update detection for one environment: a check shortly after start, then every
// SLIPWAY_UPDATE_INTERVAL; `slipway.update=auto` services are updated after a check finds a new image,
// or, with `slipway.update.window` (cron), only when a check runs within an hour after the window opens
// (a per-minute tick starts that check when a window opens).
import { Cron } from 'croner';
import type { App, Environment } from '../app';
import type { UpdateInfo } from '../contract';
import { startServiceUpdate } from './apply-update';
import { policyOf, updateChecker } from './checker';
import { parseInterval } from './settings';

const WINDOW_MS = 3600_000;
const FIRST_CHECK_MS = 30_000;

interface Timers {
  stop(): void;
}

export function windowOpen(expr: string | undefined, now = Date.now(), spanMs = WINDOW_MS): boolean {
  if (!expr) return true;
  try {
    const next = new Cron(expr, { paused: true }).nextRun(new Date(now - spanMs));
    return !!next && next.getTime() <= now;
  } catch {
    return false; // an unreadable window never opens
  }
}

export function startUpdateChecks(app: App, env: Environment, onAvailable?: (found: UpdateInfo[]) => void): Timers {
  const interval = parseInterval(process.env.SLIPWAY_UPDATE_INTERVAL);
  const checker = updateChecker(app, env);
  const applyAuto = (found: UpdateInfo[]) => {
    const seen = new Set<string>();
    for (const u of found) {
      const c = env.watcher.list().find((x) => x.id === u.containerId);
      if (!c || policyOf(c) !== 'auto' || !u.project || !u.service || u.status !== 'update-available') continue;
      if (!windowOpen(c.labels['slipway.update.window'])) continue;
      const key = `${u.project}/${u.service}`;
      if (seen.has(key)) continue;
      seen.add(key);
      void startServiceUpdate(app, env, u.project, u.service, 'auto-update').catch((e) => console.error(`[slipway] auto-update of ${key} not started:`, (e as Error).message));
    }
  };
  checker.onNewlyAvailable = (found) => {
    onAvailable?.(found);
    applyAuto(found);
  };
  const run = () => void checker.check(false).catch((e) => console.error('[slipway] update check failed:', (e as Error).message));
  const first = setTimeout(run, FIRST_CHECK_MS);
  const every = interval ? setInterval(run, interval) : null;
  // a window opening: check those services now (their update is then applied by applyAuto above, or
  // here when the image was already known to be outdated)
  const tick = setInterval(() => {
    const opening = env.watcher.list().filter((c) => policyOf(c) === 'auto' && c.labels['slipway.update.window'] && windowOpen(c.labels['slipway.update.window'], Date.now(), 60_000));
    if (!opening.length) return;
    const ids = new Set(opening.map((c) => c.id));
    void checker.check(true, (c) => ids.has(c.id)).then((r) => applyAuto(r.filter((u) => u.status === 'update-available')), () => undefined);
  }, 60_000);
  for (const t of [first, every, tick]) t?.unref?.();
  return {
    stop() {
      clearTimeout(first);
      if (every) clearInterval(every);
      clearInterval(tick);
    },
  };
}
