// Search over the buffer: plain (case-insensitive) or a regular expression. Lines are matched on
// their text without ANSI codes, so a coloured word is found like a plain one.
import { stripAnsi } from './ansi';
import type { Row } from './log-store';

export interface Search {
  re: RegExp | null;
  error: string | null;
}

export function compileSearch(q: string, regex: boolean): Search {
  if (!q) return { re: null, error: null };
  try {
    return { re: new RegExp(regex ? q : q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), error: null };
  } catch (e) {
    return { re: null, error: (e as Error).message };
  }
}

export function rowText(r: Row): string {
  return r.kind === 'line' ? stripAnsi(r.text) : '';
}

export function rowMatches(r: Row, re: RegExp): boolean {
  if (r.kind !== 'line') return false;
  re.lastIndex = 0;
  return re.test(rowText(r));
}

/** Splits a piece of text into [plain, match, plain, match, ...]. */
export function splitMatches(s: string, re: RegExp): string[] {
  const parts: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    parts.push(s.slice(last, m.index), m[0]);
    last = m.index + m[0].length;
  }
  parts.push(s.slice(last));
  return parts;
}
