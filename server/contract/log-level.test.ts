import { describe, expect, it } from 'vitest';
import { isErrorLine, logLevelOf } from './log-level';

describe('logLevelOf', () => {
  it('reads JSON level fields, names and pino numbers', () => {
    expect(logLevelOf('{"level":"error","msg":"boom"}')).toBe('error');
    expect(logLevelOf('{"time":1,"severity": "CRITICAL"}')).toBe('error');
    expect(logLevelOf('{"level":50,"msg":"x"}')).toBe('error');
    expect(logLevelOf('{"level":60}')).toBe('error');
    expect(logLevelOf('{"level":40}')).toBe('warn');
    expect(logLevelOf('{"level":"info","msg":"an error was handled"}')).toBe('info');
  });
  it('reads logfmt level=', () => {
    expect(logLevelOf('ts=2026-01-01 level=error msg="db down"')).toBe('error');
    expect(logLevelOf('level=info msg="no error here"')).toBe('info');
  });
  it('reads the first level word of common prefixes', () => {
    expect(logLevelOf('ERROR something broke')).toBe('error');
    expect(logLevelOf('[error] 12#12: upstream timed out')).toBe('error');
    expect(logLevelOf('2026-01-01 12:00:00,123 FATAL out of memory')).toBe('error');
    expect(logLevelOf('E: panic: runtime error')).toBe('error');
    expect(logLevelOf('WARNING: low disk')).toBe('warn');
    expect(logLevelOf('GET /health 200')).toBeNull();
    expect(logLevelOf('terrorist')).toBeNull();
  });
  it('counts only error and above', () => {
    expect(['ERROR x', 'fatal: y', 'level=crit', '{"level":"panic"}'].every(isErrorLine)).toBe(true);
    expect(['WARN x', 'info', 'debug error'].some(isErrorLine)).toBe(false);
  });
});
