import { describe, expect, it } from 'vitest';
import { scheduleProblem } from './cron-pattern';

describe('scheduleProblem', () => {
  it('accepts five-field cron and the usual nicknames', () => {
    for (const ok of ['0 3 * * *', '*/15 * * * *', '30 2 * * 1-5', '@daily', '@hourly', '@weekly']) expect(scheduleProblem(ok), ok).toBeNull();
  });

  it('refuses a seconds field (issue 15), and other shapes', () => {
    expect(scheduleProblem('* * * * * *')).toMatch(/seconds/);
    expect(scheduleProblem('*/1 0 3 * * *')).toMatch(/seconds/);
    expect(scheduleProblem('0 0 3 * * * 2030')).toMatch(/seconds/);
    expect(scheduleProblem('* * *')).toMatch(/five fields/);
    expect(scheduleProblem('@every 1s')).toMatch(/nickname/);
  });
});
