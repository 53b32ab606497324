// Docker exec plumbing for shells: pick a default shell, start a TTY exec on a hijacked stream,
// and end an exec's processes. Docker has no "kill exec" API and closing the hijacked stream does
// NOT end the process (the TTY stays open inside the engine), so every session's exec carries a
// marker in its environment and a second, short exec signals every process that inherited it.
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { execCollectIn } from '../docker/exec';

export const SESSION_ENV = 'SLIPWAY_SHELL_SESSION';

/** A short non-TTY exec: its exit code and combined output (the server's one exec helper, server/docker/exec.ts). */
const runExec = (container: Docker.Container, cmd: string[], opts: { user?: string } = {}) => execCollectIn(container, cmd, { user: opts.user, timeoutMs: 10_000, exitTimeoutMs: 2000 });

export type ShellChoice = { argv: string[] } | { argv: null; reason: string };

/**
 * bash when the image has it, else sh; otherwise a reason. A probe that fails for another cause
 * than a missing executable (an unknown user, for instance) says so instead of "no shell".
 */
export async function pickDefaultShell(container: Docker.Container, user?: string): Promise<ShellChoice> {
  let last = '';
  for (const shell of ['bash', 'sh']) {
    const r = await runExec(container, [shell, '-c', 'exit 0'], { user });
    if (r.code === 0) return { argv: [shell] };
    last = r.output.trim();
    if (!/executable file not found|no such file or directory/i.test(last)) return { argv: null, reason: cleanEngineMessage(last) || `probe exited with ${r.code}` };
  }
  return { argv: null, reason: 'This container has no shell: neither bash nor sh is on its PATH. Choose a command that exists in the image.' };
}

/** "OCI runtime exec failed: exec failed: unable to start container process: X: unknown" → X */
export function cleanEngineMessage(msg: string): string {
  const m = /unable to start container process: (.*?)(: unknown)?$/m.exec(msg);
  return (m ? m[1] : msg).replace(/[\r\n]+/g, ' ').trim().slice(0, 300);
}

export interface TtyExec {
  exec: Docker.Exec;
  stream: Duplex;
}

export async function startTtyExec(container: Docker.Container, o: { argv: string[]; user?: string; marker: string; cols: number; rows: number }): Promise<TtyExec> {
  const exec = await container.exec({
    Cmd: o.argv,
    User: o.user,
    Tty: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    // 256 colours in xterm.js; the marker lets endSessionProcesses() find every process of the session.
    Env: ['TERM=xterm-256color', 'COLORTERM=truecolor', `${SESSION_ENV}=${o.marker}`],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
  await resizeExec(exec, o.cols, o.rows);
  return { exec, stream };
}

/** Resizes the exec's TTY; right after start the engine may not have the process yet, so retry briefly. */
export async function resizeExec(exec: Docker.Exec, cols: number, rows: number, attempts = 10): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    try {
      await exec.resize({ h: rows, w: cols });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return false;
}

/** Polls exec inspect until the process is gone (or the time is up). */
export async function waitStopped(exec: Docker.Exec, timeoutMs: number): Promise<{ running: boolean; code: number | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const info = await exec.inspect();
      if (!info.Running || Date.now() > deadline) return { running: info.Running, code: info.Running ? null : info.ExitCode ?? null };
    } catch {
      return { running: false, code: null }; // the exec (or its container) is gone
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Runs inside the container as root: signals every process whose environment holds the marker
// (the session's process and everything it started). Signal and marker are argv, never spliced in.
const SIGNAL_SCRIPT =
  'sig=$1; m=$2; for p in /proc/[0-9]*; do case "$(tr "\\000" "\\n" < "$p/environ" 2>/dev/null)" in *"$m"*) kill "-$sig" "${p#/proc/}" 2>/dev/null && echo "${p#/proc/}";; esac; done; true';

/** Signals the session's processes; returns how many got it, or null when the container has no sh to do it. */
export async function signalSession(container: Docker.Container, marker: string, signal: 'HUP' | 'KILL'): Promise<number | null> {
  try {
    const r = await runExec(container, ['sh', '-c', SIGNAL_SCRIPT, 'slipway-shell-end', signal, `${SESSION_ENV}=${marker}\n`], { user: '0' });
    if (r.code !== 0) return null;
    return r.output.split('\n').filter((l) => /^\d+$/.test(l.trim())).length;
  } catch {
    return null;
  }
}

/**
 * Ends a session's exec for real: hang up (as closing a terminal would), then kill what ignores it.
 * Returns whether the exec is still running afterwards (only when the container has no sh).
 */
export async function endSessionProcesses(container: Docker.Container, exec: Docker.Exec, marker: string, graceMs = 1500): Promise<{ running: boolean; code: number | null }> {
  let state = await waitStopped(exec, 0);
  if (!state.running) return state;
  await signalSession(container, marker, 'HUP');
  state = await waitStopped(exec, graceMs);
  if (!state.running) return state;
  await signalSession(container, marker, 'KILL');
  return waitStopped(exec, 2000);
}
