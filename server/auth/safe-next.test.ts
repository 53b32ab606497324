import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

const ORIGIN = 'http://dash.local:3000';

describe('safeNextPath', () => {
  it('keeps a same-origin path with its query and hash', () => {
    expect(safeNextPath('/stacks/web?env=local#logs', ORIGIN)).toBe('/stacks/web?env=local#logs');
    expect(safeNextPath('/', ORIGIN)).toBe('/');
  });

  it('refuses every form that leaves the site (issue 15)', () => {
    // the values as URLSearchParams.get() returns them from next=/%5Cevil.example, next=/%09/evil.example, ...
    for (const hostile of ['/\\evil.example', '/\t/evil.example', '//evil.example', '/\\/evil.example', 'https://evil.example/', 'javascript:alert(1)',
      '/.//evil.example', '/\n/evil.example', '\\\\evil.example', ' //evil.example', 'evil.example', '/%2F%2Fevil.example/../..//evil.example']) {
      const out = safeNextPath(hostile, ORIGIN);
      expect(new URL(out, ORIGIN).origin, JSON.stringify(hostile)).toBe(ORIGIN);
      expect(out.startsWith('/') && !out.startsWith('//'), JSON.stringify(hostile)).toBe(true);
    }
    expect(safeNextPath('/\\evil.example', ORIGIN)).toBe('/');
    expect(safeNextPath('/\t/evil.example', ORIGIN)).toBe('/');
    expect(safeNextPath('//evil', ORIGIN)).toBe('/');
  });

  it('falls back to / for nothing or nonsense', () => {
    expect(safeNextPath(null, ORIGIN)).toBe('/');
    expect(safeNextPath('', ORIGIN)).toBe('/');
    expect(safeNextPath('/' + 'a'.repeat(3000), ORIGIN)).toBe('/');
  });
});
