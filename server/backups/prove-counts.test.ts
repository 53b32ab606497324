import { describe, expect, it } from 'vitest';
import { countsMismatch, newestProven } from './prove-counts';

describe('countsMismatch', () => {
  it('passes equal counts and backups from before counts were recorded', () => {
    expect(countsMismatch({ tables: 2, rows: 103 }, { tables: 2, rows: 103 })).toBeNull();
    expect(countsMismatch(undefined, { tables: 2, rows: 103 })).toBeNull();
  });
  it('names every count that differs', () => {
    expect(countsMismatch({ tables: 2, rows: 103 }, { tables: 2, rows: 100 })).toBe('rows: 100 restored, 103 when made');
    expect(countsMismatch({ files: 4, bytes: 10 }, { bytes: 9 })).toBe('files: none restored, 4 when made; bytes: 9 restored, 10 when made');
  });
});

describe('newestProven', () => {
  it('is the newest backup with a proof date, whatever the order', () => {
    expect(newestProven([{ id: 3, provenAt: null }, { id: 1, provenAt: 'x' }, { id: 2, provenAt: 'y' }])?.id).toBe(2);
    expect(newestProven([{ id: 3, provenAt: null }])).toBeUndefined();
  });
});
