// The operations runner of one environment: compose commands on a stack, one operation per stack at a
// time. An operation belongs to no browser: it runs to its end whoever watches, streams its output to the
// environment's sockets, and lands in the store and the audit log.
import crypto from 'node:crypto';
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import { recordEnvEvent } from '../events/record-env';
import { runCompose, type ComposeCli } from '../compose/cli';
import {
  OPERATION_DONE,
  OPERATION_OUTPUT,
  type ContainerChange,
  type OperationAction,
  type OperationDoneEvent,
  type OperationOutputEvent,
  type OperationRecord,
} from '../contract/stacks';
import { HttpError } from '../http/errors';
import { engineOf, projectArgs } from './compose-args';
import { failInterrupted, finishOperation, insertOperation, listOperations, readOperation } from './operation-store';
import { projectContainers, type StackRef } from './stack-ref';

/** Output kept per operation; beyond it the oldest part is dropped (compose pulls can be chatty). */
const MAX_OUTPUT = 256 * 1024;

export interface OperationRequest {
  action: OperationAction;
  service?: string;
  removeVolumes?: boolean;
  replicas?: number;
}

/** The compose sub-commands of an action, in order. Pure. */
export function commandsFor(req: OperationRequest): string[][] {
  const svc = req.service ? [req.service] : [];
  switch (req.action) {
    case 'deploy':
      return [['up', '-d', '--remove-orphans', ...svc]];
    case 'start':
    case 'stop':
    case 'restart':
    case 'pull':
      return [[req.action, ...svc]];
    case 'redeploy':
      // images built locally or from an unreachable registry must not block the redeploy of the rest:
      // compose prints each failed pull, then `up` runs with what is there
      return [['pull', '--ignore-pull-failures', ...svc], ['up', '-d', '--remove-orphans', ...svc]];
    case 'down':
      return [['down', ...(req.removeVolumes ? ['--volumes'] : [])]];
    case 'scale':
      return [['up', '-d', '--no-deps', '--scale', `${req.service}=${req.replicas}`, req.service!]];
  }
}

/** A redeploy's pull may fail (local images, registry away) without stopping the `up` after it. */
const tolerated = (args: string[]) => args.includes('--ignore-pull-failures');

type Snapshot = Map<string, { name: string; state: string }>;

export class OperationRunner {
  private readonly live = new Map<string, OperationRecord>();
  private readonly byStack = new Map<string, string>();
  /** operations whose compose run ended and whose record is being completed */
  private readonly settling = new Map<string, Promise<void>>();
  /** told after every operation (drift and the like are stale then) */
  onDone: ((op: OperationRecord) => void) | null = null;

  constructor(private readonly ae: AppEnv) {
    failInterrupted(ae.app.db, ae.env.name);
  }

  running(): OperationRecord[] {
    return [...this.live.values()].filter((o) => o.status === 'running');
  }

  runningFor(stack: string): OperationRecord | null {
    const id = this.byStack.get(stack);
    return id ? (this.live.get(id) ?? null) : null;
  }

  get(id: string): OperationRecord | null {
    return this.live.get(id) ?? readOperation(this.ae.app.db, this.ae.env.name, id);
  }

  /** The operation once its record is complete (right after `operation:done` it may still be settling). */
  async settled(id: string): Promise<OperationRecord | null> {
    await this.settling.get(id);
    return this.get(id);
  }

  list(stack: string): OperationRecord[] {
    const stored = listOperations(this.ae.app.db, this.ae.env.name, stack);
    return stored.map((r) => this.live.get(r.id) ?? r);
  }

  /** Claims the stack (409 while another operation runs on it), then runs in the background. */
  start(cli: ComposeCli, ref: StackRef, req: OperationRequest, username: string): OperationRecord {
    const busy = this.runningFor(ref.name);
    if (busy) throw new HttpError(409, `${busy.action} is still running on ${ref.name}`, { operation: busy.id });
    const base = projectArgs(ref);
    const commands = commandsFor(req).map((c) => [...cli.argv, ...base, ...c]);
    const op: OperationRecord = {
      id: crypto.randomBytes(12).toString('hex'),
      env: this.ae.env.name,
      stack: ref.name,
      action: req.action,
      service: req.service ?? null,
      status: 'running',
      exitCode: null,
      output: '',
      startedAt: new Date().toISOString(),
      endedAt: null,
      by: username,
      commands,
      changed: [],
      leftRunning: null,
    };
    insertOperation(this.ae.app.db, op);
    this.live.set(op.id, op);
    this.byStack.set(ref.name, op.id);
    void this.run(cli, ref, op, commandsFor(req).map((c) => [...base, ...c]));
    return op;
  }

  private append(op: OperationRecord, data: string) {
    op.output += data;
    if (op.output.length > MAX_OUTPUT) op.output = '[slipway] earlier output dropped\r\n' + op.output.slice(-MAX_OUTPUT);
    this.ae.env.emit(OPERATION_OUTPUT, { id: op.id, stack: op.stack, data } satisfies OperationOutputEvent);
  }

  private async snapshot(project: string): Promise<Snapshot | null> {
    try {
      const list = await this.ae.env.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
      return new Map(list.map((c) => [c.Id, { name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State }]));
    } catch {
      return null;
    }
  }

  private async run(cli: ComposeCli, ref: StackRef, op: OperationRecord, argvs: string[][]) {
    let exitCode = 0;
    // before: the watcher's memory (no engine round trip ahead of the spawn); after: the engine itself,
    // since the watcher may not have seen the last events yet when compose exits
    const before: Snapshot = new Map(projectContainers(this.ae.env.watcher.list(), ref.name).map((c) => [c.id, { name: c.name, state: c.state }]));
    try {
      for (const args of argvs) {
        this.append(op, `\x1b[2m$ ${[...cli.argv, ...args].join(' ')}\x1b[0m\r\n`);
        ({ exitCode } = await runCompose({ cli, cwd: ref.dir!, args, engine: engineOf(this.ae), onOutput: (d) => this.append(op, d.replace(/\r?\n/g, '\r\n')) }));
        if (exitCode !== 0 && tolerated(args)) {
          // v1 exits 1 even with --ignore-pull-failures when a registry is unreachable: say so, go on with `up`
          this.append(op, `\x1b[33m[slipway] pull failed (exit code ${exitCode}); going on with what is there\x1b[0m\r\n`);
          exitCode = 0;
          continue;
        }
        if (exitCode !== 0) break;
      }
    } catch (e) {
      exitCode = exitCode || 1;
      this.append(op, `\r\n[slipway] ${(e as Error).message}\r\n`);
    }
    op.exitCode = exitCode;
    op.status = exitCode === 0 ? 'succeeded' : 'failed';
    op.endedAt = new Date().toISOString();
    // Compose is done: the stack is free and the sockets hear it now. The bookkeeping (what changed, what
    // was left running, store, audit) follows; reads of this operation wait for it (settled()).
    let settle!: () => void;
    this.settling.set(op.id, new Promise<void>((r) => (settle = r)));
    this.byStack.delete(op.stack);
    this.ae.env.emit(OPERATION_DONE, { id: op.id, stack: op.stack, status: op.status, exitCode } satisfies OperationDoneEvent);
    recordEnvEvent(this.ae, {
      project: op.stack, service: op.service ?? null, container: null, kind: 'stack.operation', severity: op.status === 'succeeded' ? 'info' : 'warning',
      summary: `${op.action} of ${op.stack}${op.service ? `/${op.service}` : ''} ${op.status}${exitCode ? ` (exit code ${exitCode})` : ''}`,
      detail: { operation: op.id, action: op.action, status: op.status, exitCode, by: op.by },
    });
    try {
      const after = await this.snapshot(ref.name);
      op.changed = after ? diffSnapshots(before, after) : [];
      if (exitCode !== 0 && after) {
        op.leftRunning = [...after.values()].filter((c) => c.state === 'running').map((c) => c.name).sort();
        this.append(op, `\r\n[slipway] failed with exit code ${exitCode}; left running: ${op.leftRunning.length ? op.leftRunning.join(', ') : 'nothing'}\r\n`);
      }
      finishOperation(this.ae.app.db, op);
      recordAudit(this.ae.app.db, {
        username: op.by,
        action: `stack.${op.action}`,
        target: `${op.env}/${op.stack}${op.service ? `/${op.service}` : ''}`,
        result: op.status === 'succeeded' ? 'ok' : 'failed',
        detail: { operation: op.id, exitCode, changed: op.changed.length, leftRunning: op.leftRunning },
      });
    } catch (e) {
      console.error('[slipway] recording stack operation failed:', e);
    } finally {
      this.live.delete(op.id);
      this.settling.delete(op.id);
      settle();
      this.onDone?.(op);
    }
  }

}

/** Containers created, removed or whose state changed. Pure. */
export function diffSnapshots(before: Snapshot, after: Snapshot): ContainerChange[] {
  const out: ContainerChange[] = [];
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) out.push({ name: a.name, from: null, to: a.state });
    else if (b.state !== a.state) out.push({ name: a.name, from: b.state, to: a.state });
  }
  for (const [id, b] of before) if (!after.has(id)) out.push({ name: b.name, from: b.state, to: null });
  return out.sort((x, y) => x.name.localeCompare(y.name));
}

export function operations(ae: AppEnv): OperationRunner {
  return ae.env.service('stacks:operations', () => new OperationRunner(ae));
}
