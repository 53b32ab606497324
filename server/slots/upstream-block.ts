// The owner's own nginx config (label `slipway.proxy.upstream` = the name of an `upstream` block in it):
// Slipway finds that block and rewrites only the address of its `server` lines, splicing at byte
// offsets, so comments, other directives (keepalive, weight=, max_fails=, backup) and every other byte
// of the file stay exactly as the owner wrote them. Pure: unit-tested.

/** One `server ADDRESS [params];` line of the block, with where its address sits in the text. */
export interface BlockServer {
  address: string;
  /** the words after the address (weight=2, max_fails=3, backup, down …) */
  params: string[];
  start: number;
  end: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** nginx's lexer, reduced to what matters here: words, quoted strings, `{`, `}`, `;`; comments skipped. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === '{' || ch === '}' || ch === ';') {
      out.push({ text: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = i++;
      while (i < text.length && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
      i = Math.min(text.length, i + 1);
      out.push({ text: text.slice(start + 1, i - 1), start, end: i });
    } else {
      const start = i;
      while (i < text.length && !/[\s{};#]/.test(text[i])) i += text[i] === '\\' ? 2 : 1;
      out.push({ text: text.slice(start, i), start, end: i });
    }
  }
  return out;
}

/** The `server` lines of `upstream NAME { … }`; null when the file has no such block. */
export function blockServers(text: string | null, name: string): BlockServer[] | null {
  if (text === null) return null;
  const t = tokens(text);
  let atStatementStart = true;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    const startsBlock = atStatementStart && tok.text === 'upstream' && t[i + 1]?.text === name && t[i + 2]?.text === '{';
    atStatementStart = tok.text === '{' || tok.text === '}' || tok.text === ';';
    if (!startsBlock) continue;
    const servers: BlockServer[] = [];
    let j = i + 3;
    let inner = 0;
    let stmt: Token[] = [];
    for (; j < t.length; j++) {
      const x = t[j];
      if (x.text === '{') inner++;
      else if (x.text === '}') {
        if (inner === 0) break;
        inner--;
      } else if (x.text === ';') {
        if (inner === 0 && stmt[0]?.text === 'server' && stmt[1])
          servers.push({ address: stmt[1].text, params: stmt.slice(2).map((s) => s.text), start: stmt[1].start, end: stmt[1].end });
        stmt = [];
      } else stmt.push(x);
    }
    if (j >= t.length) return null; // unterminated block: not something to rewrite
    return servers;
  }
  return null;
}

/** The address traffic goes to: the first server that is neither `backup` nor `down`. */
export function activeServer(servers: BlockServer[]): string | null {
  return servers.find((s) => !s.params.includes('backup') && !s.params.includes('down'))?.address ?? null;
}

/**
 * The text with each server address found in `replace` swapped for its mapped value; nothing else
 * changes. Values are validated host:port strings (the caller's job), never free text.
 */
export function rewriteBlockServers(text: string, name: string, replace: (address: string) => string | null): { text: string; changed: number } | null {
  const servers = blockServers(text, name);
  if (!servers) return null;
  let out = text;
  let changed = 0;
  for (const s of [...servers].sort((a, b) => b.start - a.start)) {
    const next = replace(s.address);
    if (next === null || next === s.address) continue;
    out = out.slice(0, s.start) + next + out.slice(s.end);
    changed++;
  }
  return { text: out, changed };
}
