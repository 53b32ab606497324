// The process's shell sessions: each one a TTY exec owned by the socket that opened it. Sessions
// end when their process exits, on shell:close, when the owning socket goes, when the container
// stops, after the idle timeout, or at server shutdown — and ending always makes sure the process
// in the container is gone. Every session is audited at start and at end (with its exit code).
import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import { HttpError, fromDockerError, isHttpError } from '../http/errors';
import type { Principal } from '../auth/permissions';
import { SHELL_EVENTS, type ShellExitEvent, type ShellExitReason, type ShellOpenAck, type ShellOutputEvent } from '../contract';
import { endSessionProcesses, pickDefaultShell, resizeExec, startTtyExec, waitStopped, type TtyExec } from './shell-exec';
import { trackStream } from '../metrics';

const untrackShell = new Map<string, () => void>();

export const MAX_SESSIONS_PER_SOCKET = 8;
export const MAX_SESSIONS = 64;

/** What a session needs from the socket that owns it (kept small so the manager needs no socket.io). */
export interface ShellOwner {
  id: string;
  emit(event: string, payload: ShellOutputEvent | ShellExitEvent): void;
  /** true while the socket's send buffer is long: output then waits for drain */
  congested(): boolean;
  onDrain(cb: () => void): void;
}

interface Session extends TtyExec {
  id: string;
  owner: ShellOwner;
  container: Docker.Container;
  containerId: string;
  containerName: string;
  argv: string[];
  user: string | null;
  username: string;
  startedAt: string;
  idle: NodeJS.Timeout | null;
  ending: Promise<void> | null;
}

export interface OpenRequest {
  containerId: string;
  cmd?: string[];
  user?: string;
  cols: number;
  rows: number;
}

export class ShellSessions {
  private sessions = new Map<string, Session>();
  /** opens under way per owner: counted with the open sessions, before the first await (issue 15) */
  private opening = new Map<string, number>();
  private openingTotal = 0;

  constructor(private ae: AppEnv, private idleMs: number) {}

  count(): number {
    return this.sessions.size;
  }

  /** Starts the exec; output starts flowing when the returned start() is called (after the ack went out). */
  async open(owner: ShellOwner, principal: Principal, req: OpenRequest): Promise<{ ack: ShellOpenAck; start: () => void }> {
    const summary = this.ae.env.watcher.find(req.containerId);
    if (!summary) throw new HttpError(404, 'no such container');
    if (summary.state !== 'running') throw new HttpError(409, `container ${summary.name} is not running (${summary.state})`);
    const mine = [...this.sessions.values()].filter((s) => s.owner.id === owner.id).length + (this.opening.get(owner.id) ?? 0);
    if (mine >= MAX_SESSIONS_PER_SOCKET) throw new HttpError(429, `at most ${MAX_SESSIONS_PER_SOCKET} shells per connection`);
    if (this.sessions.size + this.openingTotal >= MAX_SESSIONS) throw new HttpError(429, 'too many shells open on this server');
    this.opening.set(owner.id, (this.opening.get(owner.id) ?? 0) + 1);
    this.openingTotal++;
    try {
      return await this.start(owner, principal, req, summary);
    } finally {
      this.openingTotal--;
      const left = (this.opening.get(owner.id) ?? 1) - 1;
      if (left > 0) this.opening.set(owner.id, left);
      else this.opening.delete(owner.id);
    }
  }

  private async start(owner: ShellOwner, principal: Principal, req: OpenRequest, summary: { id: string; name: string }): Promise<{ ack: ShellOpenAck; start: () => void }> {
    const container = this.ae.env.docker.getContainer(summary.id);
    const audit = (result: 'ok' | 'failed', detail: Record<string, unknown>) =>
      recordAudit(this.ae.app.db, { username: principal.username, action: 'shell.open', target: summary.name, result, detail: { containerId: summary.id, user: req.user ?? null, ...detail } });
    try {
      let argv = req.cmd;
      if (!argv) {
        const choice = await pickDefaultShell(container, req.user);
        if (!choice.argv) {
          audit('failed', { error: choice.reason });
          throw new HttpError(409, choice.reason);
        }
        argv = choice.argv;
      }
      const id = crypto.randomBytes(16).toString('hex');
      const tty = await startTtyExec(container, { argv, user: req.user, marker: id, cols: req.cols, rows: req.rows });
      const s: Session = {
        ...tty, id, owner, container, argv,
        containerId: summary.id, containerName: summary.name, user: req.user ?? null,
        username: principal.username, startedAt: new Date().toISOString(), idle: null, ending: null,
      };
      this.sessions.set(id, s);
      untrackShell.set(id, trackStream(this.ae, 'shell')); // metrics
      audit('ok', { sessionId: id, command: argv, startedAt: s.startedAt });
      this.touch(s);
      return { ack: { sessionId: id, cmd: argv, user: s.user }, start: () => this.pump(s) };
    } catch (e) {
      if (isHttpError(e)) throw e;
      const mapped = fromDockerError(e);
      audit('failed', { error: (e as Error).message });
      throw mapped ?? e;
    }
  }

  /** The session, only for the socket that owns it (another socket learns nothing, not even that it exists). */
  private owned(ownerId: string, sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s || s.owner.id !== ownerId || s.ending) throw new HttpError(404, 'no such shell session');
    return s;
  }

  input(ownerId: string, sessionId: string, data: string) {
    const s = this.owned(ownerId, sessionId);
    this.touch(s);
    s.stream.write(data, 'utf8');
  }

  async resize(ownerId: string, sessionId: string, cols: number, rows: number) {
    const s = this.owned(ownerId, sessionId);
    this.touch(s);
    await resizeExec(s.exec, cols, rows, 3);
  }

  async close(ownerId: string, sessionId: string) {
    await this.end(this.owned(ownerId, sessionId), 'closed');
  }

  /** The owning socket went away (tab closed, network lost): end all of its sessions. */
  async closeOwner(ownerId: string) {
    await Promise.all([...this.sessions.values()].filter((s) => s.owner.id === ownerId).map((s) => this.end(s, 'closed')));
  }

  async closeContainer(containerId: string) {
    await Promise.all([...this.sessions.values()].filter((s) => s.containerId === containerId).map((s) => this.end(s, 'container-stopped')));
  }

  async closeAll(reason: ShellExitReason) {
    await Promise.all([...this.sessions.values()].map((s) => this.end(s, reason)));
  }

  /** Streams TTY output to the owner, pausing while its socket is backed up (`yes` must not eat memory). */
  private pump(s: Session) {
    const decoder = new StringDecoder('utf8'); // a UTF-8 character may straddle two chunks
    s.stream.on('data', (chunk: Buffer) => {
      const data = decoder.write(chunk);
      if (data) s.owner.emit(SHELL_EVENTS.output, { sessionId: s.id, data });
      if (s.owner.congested()) {
        s.stream.pause();
        s.owner.onDrain(() => s.stream.resume());
      }
    });
    const ended = () => void this.end(s, 'exited');
    s.stream.once('end', ended);
    s.stream.once('close', ended);
    s.stream.on('error', ended);
  }

  private touch(s: Session) {
    if (s.idle) clearTimeout(s.idle);
    s.idle = setTimeout(() => void this.end(s, 'idle'), this.idleMs);
    s.idle.unref();
  }

  /**
   * The stream also ends when the container stops under the shell. The process then dies of a
   * signal (or leaves no code) a moment before the engine marks the container stopped: look briefly.
   */
  private async containerStopping(s: Session, code: number | null): Promise<boolean> {
    const deadline = Date.now() + (code === null || code >= 128 ? 1000 : 0);
    for (;;) {
      const running = await s.container.inspect().then((i) => i.State.Running && !i.State.Restarting, () => false);
      if (!running) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Ends a session once, whatever asked first; resolves when the process in the container is gone. */
  private end(s: Session, asked: ShellExitReason): Promise<void> {
    s.ending ??= (async () => {
      if (s.idle) clearTimeout(s.idle);
      let reason = asked;
      let state: { running: boolean; code: number | null };
      if (asked === 'exited') {
        state = await waitStopped(s.exec, 2000);
        if (await this.containerStopping(s, state.code)) reason = 'container-stopped';
      } else {
        state = await endSessionProcesses(s.container, s.exec, s.id, asked === 'shutdown' ? 300 : 1500).catch(() => ({ running: true, code: null }));
      }
      s.stream.destroy();
      this.sessions.delete(s.id);
      untrackShell.get(s.id)?.();
      untrackShell.delete(s.id);
      s.owner.emit(SHELL_EVENTS.exit, { sessionId: s.id, code: state.code, reason });
      recordAudit(this.ae.app.db, {
        username: s.username,
        action: 'shell.end',
        target: s.containerName,
        result: state.running ? 'failed' : 'ok',
        detail: {
          sessionId: s.id, containerId: s.containerId, command: s.argv, user: s.user,
          startedAt: s.startedAt, endedAt: new Date().toISOString(), exitCode: state.code, reason,
          ...(state.running ? { error: 'the process could not be ended (the container has no sh to signal it)' } : {}),
        },
      });
    })();
    return s.ending;
  }
}

/** The session manager of this environment; it follows container stops (server/shell/area.ts ends it with the environment). */
export function shellSessions(ae: AppEnv): ShellSessions {
  return ae.env.service('shell.sessions', () => {
    const m = new ShellSessions(ae, ae.app.config.SLIPWAY_SHELL_IDLE_TIMEOUT * 1000);
    ae.env.watcher.on('changed', (ev: { id: string; state: string }) => {
      if (ev.state !== 'running' && ev.state !== 'paused') void m.closeContainer(ev.id);
    });
    return m;
  });
}
