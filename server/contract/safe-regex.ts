// A conservative static check of a user's log pattern (issue 18.6): JavaScript regexes backtrack, so a
// pattern that could backtrack exponentially is refused before it is stored. Refused: backreferences,
// lookarounds, and a quantified group that itself holds a quantifier or an alternation ((a+)+, (a|aa)*,
// (x*y){2,}). What remains can still be slow on long lines (polynomial: .*.*.*x), so evaluation is also
// bounded: lines are cut to 4 KB and matched in a worker with a deadline (server/alerts/pattern-worker.ts).
// Pure: used by the contract's schema, so the client shows the same reason.

const MAX_PATTERN = 200;

interface Group { risky: boolean }

/** null when the pattern is acceptable, else why it is refused. */
export function unsafeRegexReason(pattern: string): string | null {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN) return `the pattern is longer than ${MAX_PATTERN} characters`;
  try {
    new RegExp(pattern);
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
  const stack: Group[] = [{ risky: false }];
  let i = 0;
  /** the quantifier starting at i, if any: its length and whether it repeats more than once */
  const quantifierAt = (at: number): { len: number; repeats: boolean } | null => {
    const ch = pattern[at];
    if (ch === '*' || ch === '+') return { len: pattern[at + 1] === '?' ? 2 : 1, repeats: true };
    if (ch === '?') return { len: pattern[at + 1] === '?' ? 2 : 1, repeats: false };
    if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(at));
      if (!m) return null;
      const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
      return { len: m[0].length, repeats: max > 1 };
    }
    return null;
  };
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'backreferences are not allowed';
      i += 2;
    } else if (ch === '[') {
      // a character class: skip to its closing bracket (escapes inside included)
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '(') {
      if (/^\(\?(=|!|<=|<!)/.test(pattern.slice(i))) return 'lookahead and lookbehind are not allowed';
      stack.push({ risky: false });
      i += pattern.startsWith('(?:', i) ? 3 : pattern.startsWith('(?<', i) ? pattern.indexOf('>', i) + 1 : 1;
      continue;
    } else if (ch === ')') {
      const group = stack.pop()!;
      const q = quantifierAt(i + 1);
      if (q?.repeats && group.risky) return 'nested quantifiers (a repeated group that holds a quantifier or alternatives) are not allowed';
      const parent = stack[stack.length - 1];
      parent.risky ||= group.risky || !!q?.repeats;
      i += 1 + (q?.len ?? 0);
      continue;
    } else if (ch === '|') {
      stack[stack.length - 1].risky = true;
      i++;
    } else i++;
    // a quantifier after an atom makes the enclosing group risky if that group is repeated
    const q = quantifierAt(i);
    if (q) {
      if (q.repeats) stack[stack.length - 1].risky = true;
      i += q.len;
    }
  }
  return null;
}
