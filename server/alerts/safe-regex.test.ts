import { describe, expect, it } from 'vitest';
import { unsafeRegexReason } from '../contract/safe-regex';

describe('unsafeRegexReason', () => {
  it('accepts ordinary log patterns', () => {
    for (const p of ['ERROR', 'timeout after \\d+ ms', '^\\[(warn|error)\\]', 'user=(\\w+) failed', '[a-z]+@[a-z]+\\.com', '(ab){3}', '(?:GET|POST) /api/\\S+ 5\\d\\d', '(a+)?'])
      expect(unsafeRegexReason(p), p).toBeNull();
  });

  it('refuses nested quantifiers and quantified alternatives', () => {
    for (const p of ['(a+)+', '(a*)*', '(a|aa)+', '(x*y){2,}', '((ab)+c)*', '(?:\\d+)+$', '(\\w+\\s?)*$', '(?<n>a+)+'])
      expect(unsafeRegexReason(p), p).toMatch(/nested quantifiers/);
  });

  it('refuses backreferences and lookarounds', () => {
    expect(unsafeRegexReason('(a)\\1')).toMatch(/backreferences/);
    expect(unsafeRegexReason('(?<x>a)\\k<x>')).toMatch(/backreferences/);
    expect(unsafeRegexReason('foo(?=bar)')).toMatch(/lookahead/);
    expect(unsafeRegexReason('(?<!x)y')).toMatch(/lookahead/);
  });

  it('refuses invalid, empty and overlong patterns', () => {
    expect(unsafeRegexReason('(unclosed')).toMatch(/not a valid/);
    expect(unsafeRegexReason('')).toMatch(/empty/);
    expect(unsafeRegexReason('a'.repeat(201))).toMatch(/longer than 200/);
  });

  it('does not mistake quantifier characters inside a class or escaped for quantifiers', () => {
    expect(unsafeRegexReason('([+*])+')).toBeNull();
    expect(unsafeRegexReason('(a\\+)+')).toBeNull();
  });
});
