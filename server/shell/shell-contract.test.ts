// Pure checks of the shell payload schemas and the engine-message cleanup.
import { describe, expect, it } from 'vitest';
import { shellInputSchema, shellOpenSchema } from '../contract';
import { cleanEngineMessage } from './shell-exec';
import { loadConfig as load } from '../config';

const loadConfig = (env: Record<string, string>) => load(env as NodeJS.ProcessEnv);

describe('shell:open payload', () => {
  it('splits a command string into argv and keeps an argv array as is', () => {
    expect(shellOpenSchema.parse({ containerId: 'x', cmd: ' psql  -U app ', cols: 80, rows: 24 }).cmd).toEqual(['psql', '-U', 'app']);
    expect(shellOpenSchema.parse({ containerId: 'x', cmd: ['sh', '-c', 'echo a; echo b'], cols: 80, rows: 24 }).cmd).toEqual(['sh', '-c', 'echo a; echo b']);
  });

  it('refuses odd users, sizes and commands', () => {
    const ok = { containerId: 'x', cols: 80, rows: 24 };
    for (const user of ['nobody', '1000', '1000:1000', 'www-data:adm']) expect(shellOpenSchema.safeParse({ ...ok, user }).success).toBe(true);
    for (const user of ['root; rm -rf /', '../etc', '', 'a b', '-u']) expect(shellOpenSchema.safeParse({ ...ok, user }).success).toBe(false);
    expect(shellOpenSchema.safeParse({ ...ok, cols: 0 }).success).toBe(false);
    expect(shellOpenSchema.safeParse({ ...ok, rows: 1.5 }).success).toBe(false);
    expect(shellOpenSchema.safeParse({ ...ok, cmd: [] }).success).toBe(false);
    expect(shellOpenSchema.safeParse({ ...ok, cmd: ['a\0b'] }).success).toBe(false);
  });

  it('takes only session ids it could have issued', () => {
    expect(shellInputSchema.safeParse({ sessionId: 'a'.repeat(32), data: 'ls\r' }).success).toBe(true);
    expect(shellInputSchema.safeParse({ sessionId: '../../x', data: '' }).success).toBe(false);
    expect(shellInputSchema.safeParse({ sessionId: 'a'.repeat(32), data: 'x'.repeat(70_000) }).success).toBe(false);
  });
});

describe('cleanEngineMessage', () => {
  it('keeps the reason of an OCI runtime failure', () => {
    const raw = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n';
    expect(cleanEngineMessage(raw)).toBe('exec: "bash": executable file not found in $PATH');
    expect(cleanEngineMessage('unable to find user nobody2: no matching entries in passwd file')).toBe('unable to find user nobody2: no matching entries in passwd file');
  });
});

describe('SLIPWAY_SHELL_IDLE_TIMEOUT', () => {
  it('defaults to 30 minutes and refuses a bad value by name', () => {
    expect(loadConfig({}).SLIPWAY_SHELL_IDLE_TIMEOUT).toBe(1800);
    expect(() => loadConfig({ SLIPWAY_SHELL_IDLE_TIMEOUT: 'soon' })).toThrow(/SLIPWAY_SHELL_IDLE_TIMEOUT/);
    expect(() => loadConfig({ SLIPWAY_SHELL_IDLE_TIMEOUT: '1' })).toThrow(/SLIPWAY_SHELL_IDLE_TIMEOUT/);
  });
});
