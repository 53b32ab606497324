// Why this exists: `nginx -s reload` returns once the master got SIGHUP, before the old workers stop
// accepting. For a moment new and old workers both take connections, so three answers from the new
// slot do not yet mean every new connection gets it (seen in CI: verified green, next request blue).
// The reload step therefore waits until no worker that served before the reload still accepts; an old
// worker that is "shutting down" has closed its listening sockets and only finishes what it holds.
// The process list comes from the Engine API (GET /containers/{id}/top), never from a CLI.
import type Docker from 'dockerode';

/** PIDs of the proxy's nginx workers that still accept connections, or null when the engine cannot list them. */
export async function acceptingWorkers(docker: Docker, containerId: string): Promise<Set<string> | null> {
  try {
    const top = (await docker.getContainer(containerId).top()) as { Titles?: string[]; Processes?: string[][] };
    const titles = top.Titles ?? [];
    const pidCol = titles.findIndex((t) => t.trim().toUpperCase() === 'PID');
    const cmdCol = titles.length - 1;
    if (pidCol < 0 || cmdCol < 0) return null;
    const out = new Set<string>();
    for (const p of top.Processes ?? []) {
      const cmd = p[cmdCol] ?? '';
      if (/nginx: worker process/.test(cmd) && !/shutting down/.test(cmd)) out.add(p[pidCol]);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * Waits until new workers accept and none of `before` does. Returns a short note for the step detail,
 * or null when the wait could not be observed (no process list): the verify step still runs.
 */
export async function awaitOldWorkersRetired(docker: Docker, containerId: string, before: Set<string> | null, deadlineMs = 5000): Promise<string | null> {
  if (!before || before.size === 0) return null;
  const start = performance.now();
  for (;;) {
    const now = await acceptingWorkers(docker, containerId);
    if (!now) return null;
    const stale = [...before].filter((pid) => now.has(pid));
    if (now.size > 0 && stale.length === 0) return `old workers stopped accepting after ${Math.round(performance.now() - start)} ms`;
    if (performance.now() - start > deadlineMs) return `${stale.length} old worker(s) still accepting after ${deadlineMs} ms`;
    await new Promise((r) => setTimeout(r, 20));
  }
}
