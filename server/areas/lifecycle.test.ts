// The one loop of area lives (issue 16): start in order, stop in reverse, every area stopped even when
// one fails, shutdown stops every environment before the process-wide parts.
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app';
import { defineArea, type Area } from './define-area';
import { startEnvironmentAreas, startProcessAreas, stopAllAreas, stopEnvironmentAreas } from './lifecycle';

const envNamed = (name: string) => ({ env: { name } }) as unknown as AppEnv;

function recording() {
  const log: string[] = [];
  const area = (name: string, failStop = false): Area =>
    defineArea({
      name,
      startProcess: () => void log.push(`${name}.startProcess`),
      start: (e) => void log.push(`${name}.start ${e.env.name}`),
      stop: async (e, reason) => {
        log.push(`${name}.stop ${e.env.name}${reason === 'shutdown' ? ' (shutdown)' : ''}`);
        if (failStop) throw new Error('cannot stop');
      },
      stopProcess: () => void log.push(`${name}.stopProcess`),
    });
  return { log, areas: [area('a'), area('b', true), area('c')] };
}

describe('area lifecycle', () => {
  it('starts the process parts once, then an environment in list order', () => {
    const { log, areas } = recording();
    startProcessAreas(envNamed('main'), areas);
    startEnvironmentAreas(envNamed('main'), areas);
    expect(log).toEqual(['a.startProcess', 'b.startProcess', 'c.startProcess', 'a.start main', 'b.start main', 'c.start main']);
  });

  it('stops a removed environment in reverse order, every area even when one fails', async () => {
    const { log, areas } = recording();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await stopEnvironmentAreas(envNamed('edge'), areas);
    } finally {
      console.error = original;
    }
    expect(log).toEqual(['c.stop edge', 'b.stop edge', 'a.stop edge']);
    expect(errors).toHaveLength(1);
  });

  it('at shutdown stops every environment, then the process-wide parts', async () => {
    const { log, areas } = recording();
    const original = console.error;
    console.error = () => undefined;
    try {
      await stopAllAreas(envNamed('main'), [envNamed('main'), envNamed('edge')], areas);
    } finally {
      console.error = original;
    }
    expect(log.filter((l) => l.includes(' main'))).toEqual(['c.stop main (shutdown)', 'b.stop main (shutdown)', 'a.stop main (shutdown)']);
    expect(log.filter((l) => l.includes(' edge'))).toEqual(['c.stop edge (shutdown)', 'b.stop edge (shutdown)', 'a.stop edge (shutdown)']);
    expect(log.slice(-3)).toEqual(['c.stopProcess', 'b.stopProcess', 'a.stopProcess']);
  });
});
