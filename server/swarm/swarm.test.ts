import { describe, expect, it } from 'vitest';
import { groupServices, toService, toServiceDetail, type RawService, type RawTask } from './model';
import { judgeRun, statusText } from './progress';
import { splitDetails } from './service-logs';
import { swarmImageRef, swarmServiceRef, swarmUpdateBody } from '../contract';

const svc = (name: string, o: Partial<RawService> = {}, labels: Record<string, string> = {}): RawService => ({
  ID: `id-${name}`,
  Version: { Index: 10 },
  CreatedAt: '2026-01-01T00:00:00Z',
  UpdatedAt: '2026-01-01T00:00:00Z',
  Spec: { Name: name, Labels: labels, TaskTemplate: { ContainerSpec: { Image: 'app:2@sha256:' + 'a'.repeat(64) } }, Mode: { Replicated: { Replicas: 3 } } },
  ...o,
});
const task = (slot: number, state: string, desired = 'running', image = 'app:2', created = '2026-01-01T00:00:01Z'): RawTask => ({
  ID: `t${slot}-${state}-${image}`,
  CreatedAt: created,
  UpdatedAt: created,
  ServiceID: 'id-web',
  Slot: slot,
  NodeID: 'n1',
  DesiredState: desired,
  Spec: { ContainerSpec: { Image: image } },
  Status: { State: state, Message: state, Err: state === 'failed' ? 'task: non-zero exit (1)' : undefined },
});

describe('swarm model', () => {
  it('counts replicas from tasks, strips the digest and keeps the history after the live tasks', () => {
    const d = toServiceDetail(svc('web'), [task(1, 'running'), task(2, 'starting'), task(3, 'running'), task(2, 'failed', 'shutdown', 'app:3', '2026-01-01T00:00:05Z')], new Map([['n1', 'node-1']]));
    expect(d).toMatchObject({ mode: 'replicated', replicas: 3, running: 2, desired: 3, image: 'app:2', stack: null });
    expect(d.tasks.map((t) => [t.slot, t.state])).toEqual([[1, 'running'], [2, 'starting'], [3, 'running'], [2, 'failed']]);
    expect(d.tasks[3]).toMatchObject({ error: 'task: non-zero exit (1)', nodeHostname: 'node-1', image: 'app:3' });
  });

  it('uses the engine counts of a listed service, and global services have no replica count', () => {
    const g = toService({ ...svc('agent'), Spec: { ...svc('agent').Spec, Mode: { Global: {} } }, ServiceStatus: { RunningTasks: 2, DesiredTasks: 2 } });
    expect(g).toMatchObject({ mode: 'global', replicas: null, running: 2, desired: 2 });
  });

  it('groups services by stack namespace, sorted', () => {
    const list = [svc('shop_web', {}, { 'com.docker.stack.namespace': 'shop' }), svc('solo'), svc('blog_db', {}, { 'com.docker.stack.namespace': 'blog' }), svc('shop_api', {}, { 'com.docker.stack.namespace': 'shop' })].map((s) => toService(s));
    const g = groupServices(list);
    expect(g.stacks.map((s) => [s.name, s.services.map((x) => x.name)])).toEqual([['blog', ['blog_db']], ['shop', ['shop_api', 'shop_web']]]);
    expect(g.standalone.map((s) => s.name)).toEqual(['solo']);
  });
});

describe('swarm runs', () => {
  const detail = (tasks: RawTask[], status?: RawService['UpdateStatus']) => toServiceDetail(svc('web', { UpdateStatus: status }), tasks, new Map());
  const all = [task(1, 'running'), task(2, 'running'), task(3, 'running')];

  it('ends an update on a final UpdateStatus newer than the baseline, ok only when completed', () => {
    const run = { op: 'update' as const, baselineStartedAt: 'old', startedMs: 0 };
    expect(judgeRun(run, detail(all, { State: 'completed', StartedAt: 'old', Message: 'update completed' }), 1000).done).toBe(false);
    expect(judgeRun(run, detail(all, { State: 'updating', StartedAt: 'new', Message: 'update in progress' }), 1000)).toMatchObject({ done: false, message: 'updating · 3/3 running app:2' });
    expect(judgeRun(run, detail(all, { State: 'completed', StartedAt: 'new', Message: 'update completed' }), 1000)).toMatchObject({ done: true, ok: true, message: 'completed' });
    expect(judgeRun(run, detail(all, { State: 'rollback_completed', StartedAt: 'new', Message: 'rollback completed' }), 1000)).toMatchObject({ done: true, ok: false });
    expect(judgeRun({ ...run, op: 'rollback' }, detail(all, { State: 'rollback_completed', StartedAt: 'new' }), 1000)).toMatchObject({ done: true, ok: true });
    // why it rolled back, seen on the way, stays in the final message
    expect(judgeRun({ ...run, reason: 'update rolled back due to failure of task t1' }, detail(all, { State: 'rollback_completed', StartedAt: 'new', Message: 'rollback completed' }), 1000).message).toBe(
      'rollback completed · update rolled back due to failure of task t1',
    );
  });

  it('ends an update with nothing to roll out once converged after the grace period', () => {
    const run = { op: 'update' as const, baselineStartedAt: null, startedMs: 0 };
    expect(judgeRun(run, detail(all), 1000).done).toBe(false);
    expect(judgeRun(run, detail(all), 6000)).toMatchObject({ done: true, ok: true });
  });

  it('ends a scale once the tasks converged, not while an old one still stops', () => {
    const run = { op: 'scale' as const, baselineStartedAt: null, startedMs: 0 };
    expect(judgeRun(run, detail([task(1, 'running'), task(2, 'starting'), task(3, 'running')]), 100).done).toBe(false);
    expect(judgeRun(run, detail([...all, task(4, 'running', 'shutdown')]), 100).done).toBe(false);
    expect(judgeRun(run, detail(all), 100)).toMatchObject({ done: true, ok: true, message: 'scaled: 3/3 running app:2' });
  });

  it('keeps Docker\'s message only when it says more than the state', () => {
    expect(statusText({ state: 'rollback_started', message: 'update rolled back due to failure' })).toBe('rollback started: update rolled back due to failure');
    expect(statusText({ state: 'updating', message: 'update in progress' })).toBe('updating');
  });
});

describe('swarm service logs', () => {
  it('splits the details block off a line and reads the task id', () => {
    expect(splitDetails('com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t%201 hello world')).toEqual({ taskId: 't 1', text: 'hello world' });
    expect(splitDetails(' plain')).toEqual({ taskId: null, text: 'plain' });
  });
});

describe('swarm schemas', () => {
  it('accepts service ids and names, refuses paths', () => {
    expect(swarmServiceRef.safeParse('shop_api').success).toBe(true);
    expect(swarmServiceRef.safeParse('../etc').success).toBe(false);
    expect(swarmServiceRef.safeParse('a/b').success).toBe(false);
  });
  it('accepts image references and fills update defaults (start-first, rollback)', () => {
    for (const ok of ['nginx', 'slipway/busybox:v2', 'registry.local:5000/team/app:1.2.3', 'app@sha256:' + 'b'.repeat(64), 'app:V2_rc']) expect(swarmImageRef.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'Bad Image', 'app:tag;rm -rf', '-app']) expect(swarmImageRef.safeParse(bad).success, bad).toBe(false);
    expect(swarmUpdateBody.parse({ image: 'app:2' })).toMatchObject({ order: 'start-first', failureAction: 'rollback', parallelism: 1, monitorSeconds: 5 });
    expect(swarmUpdateBody.safeParse({ image: 'app:2', order: 'random' }).success).toBe(false);
  });
});
