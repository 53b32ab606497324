// The switch history's crash journal, on a real SQLite file: a switch
// is `running` with its journal while under way, and start-up turns leftovers into `interrupted`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../store/db';
import { beginSwitch, finishSwitch, journalSwitch, listSwitches, noteInterrupted, takeInterrupted } from './history';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-history-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('switch history journal', () => {
  const db = openDb(path.join(dir, 'slipway.db'));

  it('records a finished switch without a journal and leaves it alone at start-up', () => {
    const id = beginSwitch(db, { group: 'web', username: 'ann', to: 'green' });
    expect(listSwitches(db, 'web', 1)[0]).toMatchObject({ id, result: 'running', from: null });
    journalSwitch(db, id, { step: 'write', prev: { content: 'upstream web { server 127.0.0.1:1; }' } }, 'blue', []);
    finishSwitch(db, id, { group: 'web', username: 'ann', kind: 'switch', from: 'blue', to: 'green', image: null, result: 'ok', durationMs: 12, error: null, steps: [], samples: [] });
    expect(takeInterrupted(db)).toEqual([]);
    expect(listSwitches(db, 'web', 1)[0]).toMatchObject({ id, result: 'ok', from: 'blue', durationMs: 12 });
  });

  it('turns a switch left running into interrupted, once, with the step and previous file it had reached', () => {
    const id = beginSwitch(db, { group: 'api', username: 'bob', to: 'blue' });
    journalSwitch(db, id, { step: 'reload', prev: { content: 'old file' } }, 'green', [{ step: 'gate', status: 'ok', ms: 5 }]);
    const [left] = takeInterrupted(db);
    expect(left.record).toMatchObject({ id, group: 'api', from: 'green', to: 'blue', result: 'interrupted' });
    expect(left.journal).toEqual({ step: 'reload', prev: { content: 'old file' } });
    expect(takeInterrupted(db)).toEqual([]); // a second start finds nothing left
    noteInterrupted(db, id, 'restored the previous upstream file (green)');
    expect(listSwitches(db, 'api', 1)[0].error).toBe('the server stopped during the reload step; restored the previous upstream file (green)');
    // a late finish of the dead process's switch (cannot happen, but must not overwrite) is a no-op for the journal
    journalSwitch(db, id, { step: 'verify' }, 'green', []);
    expect(listSwitches(db, 'api', 1)[0].result).toBe('interrupted');
  });

  it('marks a switch killed before it touched the file without a previous file', () => {
    beginSwitch(db, { group: 'gate-only', username: 'cy', to: 'green' });
    const [left] = takeInterrupted(db);
    expect(left.journal).toEqual({ step: null });
    expect(left.record.error).toBe('the server stopped during the start step');
  });
});
