// Test helpers for shell sessions: collect a socket's shell output and exits, wait on them.
import { execFileSync } from 'node:child_process';
import type { Socket } from 'socket.io-client';
import type { ShellExitEvent, ShellOutputEvent } from '@/server/contract';
import { waitFor } from './http';
import { docker } from './containers';

export interface ShellTap {
  output: (sessionId: string) => string;
  exit: (sessionId: string) => ShellExitEvent | undefined;
  waitOutput: (sessionId: string, re: RegExp, what?: string) => Promise<RegExpExecArray>;
  waitExit: (sessionId: string) => Promise<ShellExitEvent>;
}

export function tapShell(socket: Socket): ShellTap {
  const out = new Map<string, string>();
  const exits = new Map<string, ShellExitEvent>();
  socket.on('shell:output', (e: ShellOutputEvent) => out.set(e.sessionId, (out.get(e.sessionId) ?? '') + e.data));
  socket.on('shell:exit', (e: ShellExitEvent) => exits.set(e.sessionId, e));
  const output = (id: string) => out.get(id) ?? '';
  return {
    output,
    exit: (id) => exits.get(id),
    waitOutput: (id, re, what) => waitFor(async () => re.exec(output(id)), what ?? `output matching ${re}`, 15_000, 20),
    waitExit: (id) => waitFor(async () => exits.get(id), 'shell:exit', 15_000, 20),
  };
}

/** Processes the engine reports inside a container (docker top), as command lines. */
export async function containerProcesses(id: string): Promise<string[]> {
  const top = (await docker.getContainer(id).top()) as { Titles: string[]; Processes: string[][] };
  const cmd = top.Titles.indexOf('CMD');
  return top.Processes.map((p) => p[cmd]);
}

/** The container's execs that the engine still reports as running. */
export async function runningExecs(id: string): Promise<string[]> {
  const info = await docker.getContainer(id).inspect();
  const ids = info.ExecIDs ?? [];
  const states = await Promise.all(ids.map((e) => docker.getExec(e).inspect().then((i) => (i.Running ? e : null), () => null)));
  return states.filter((e): e is string => e !== null);
}

/** An image with no shell at all: busybox copied in as /bin/sleep only. Built locally, no registry. */
export const NO_SHELL_IMAGE = 'slipway-test/noshell:1';
export function ensureNoShellImage() {
  try {
    execFileSync('docker', ['image', 'inspect', NO_SHELL_IMAGE], { stdio: 'ignore' });
    return;
  } catch {
    /* build it */
  }
  const dockerfile = 'FROM slipway/busybox:1 AS src\nFROM scratch\nCOPY --from=src /bin/busybox /bin/sleep\nENV PATH=/bin\nCMD ["/bin/sleep", "3600"]\n';
  execFileSync('docker', ['build', '-q', '-t', NO_SHELL_IMAGE, '-'], { input: dockerfile, stdio: ['pipe', 'ignore', 'inherit'] });
}
