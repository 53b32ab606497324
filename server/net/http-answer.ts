// Reads an HTTP/1.x answer as leniently as nginx, curl and wget do: header lines may end in a bare LF,
// an HTTP/1.0 (or `Connection: close`) answer without a length runs to the end of the connection,
// obsolete folded header lines continue the previous one, the reason phrase may be missing. What
// cannot be read gets a reason in plain words, which never quotes the answer (viewers read these
// reasons; the bytes came from whatever the label pointed at). Pure: unit-tested with raw bytes.

export interface ParsedAnswer {
  status: number;
  version: string;
  /** lower-cased names; repeated headers joined with ", " */
  headers: Record<string, string>;
  body: Buffer;
  /** the body was cut at the cap */
  truncated: boolean;
}

export type ParseState = { kind: 'more' } | { kind: 'done'; answer: ParsedAnswer } | { kind: 'bad'; reason: string };

/** The end of the header section: the first empty line, CRLF or bare LF. */
function headerEnd(buf: Buffer): { at: number; bodyStart: number } | null {
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return { at: i, bodyStart: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { at: i, bodyStart: i + 3 };
  }
  return null;
}

function parseHead(text: string): { status: number; version: string; headers: Record<string, string> } | string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const first = lines.shift() ?? '';
  const m = /^HTTP\/(\d)\.(\d)\s+(\S+)(?:\s.*)?$/.exec(first);
  if (!m) return 'the answer does not start with an HTTP status line such as "HTTP/1.1 200 OK"';
  if (!/^\d{3}$/.test(m[3])) return 'the status code in the first line is not a three-digit number';
  const headers: Record<string, string> = {};
  let last: string | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      headers[last] += ` ${line.trim()}`; // obsolete line folding
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue; // a line that is no header: skipped, as curl does
    const name = line.slice(0, i).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) continue;
    const value = line.slice(i + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    last = name;
  }
  return { status: Number(m[3]), version: `${m[1]}.${m[2]}`, headers };
}

/** Decodes a chunked body; `more` until the last chunk has arrived, `bad` when it cannot be. */
function dechunk(buf: Buffer, cap: number): { kind: 'more' } | { kind: 'bad'; reason: string } | { kind: 'done'; body: Buffer; truncated: boolean } {
  const parts: Buffer[] = [];
  let size = 0;
  let at = 0;
  for (;;) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) return { kind: 'more' };
    const line = buf.subarray(at, nl).toString('latin1').replace(/\r$/, '').split(';')[0].trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(line)) return { kind: 'bad', reason: 'the chunked body has a chunk size that is not a hexadecimal number' };
    const n = parseInt(line, 16);
    at = nl + 1;
    if (n === 0) return { kind: 'done', body: Buffer.concat(parts), truncated: false };
    if (buf.length < at + n) {
      if (size + (buf.length - at) >= cap) return { kind: 'done', body: Buffer.concat([...parts, buf.subarray(at, at + cap - size)]), truncated: true };
      return { kind: 'more' };
    }
    parts.push(buf.subarray(at, at + n));
    size += n;
    if (size >= cap) return { kind: 'done', body: Buffer.concat(parts).subarray(0, cap), truncated: true };
    at += n;
    if (buf[at] === 0x0d) at++;
    if (at >= buf.length) return { kind: 'more' };
    if (buf[at] !== 0x0a) return { kind: 'bad', reason: 'the chunked body has no line end after a chunk' };
    at++;
  }
}

/**
 * Parses what has arrived so far. `ended`: the peer closed the connection, so an answer without a
 * length is complete and a short one is cut. `headRequest`: no body follows.
 */
export function parseAnswer(buf: Buffer, ended: boolean, cap = 64 * 1024): ParseState {
  let start = 0;
  for (;;) {
    const rest = buf.subarray(start);
    if (rest.length > 0 && !rest.subarray(0, Math.min(5, rest.length)).toString('latin1').startsWith('HTTP/'.slice(0, Math.min(5, rest.length))))
      return { kind: 'bad', reason: 'the answer is not HTTP: it does not start with "HTTP/"' };
    const end = headerEnd(rest);
    if (!end) {
      if (rest.length > 64 * 1024) return { kind: 'bad', reason: 'the headers are longer than 64 KB' };
      if (ended) return { kind: 'bad', reason: rest.length === 0 ? 'the server closed the connection without answering' : 'the connection closed before the headers ended' };
      return { kind: 'more' };
    }
    const head = parseHead(rest.subarray(0, end.at).toString('latin1'));
    if (typeof head === 'string') return { kind: 'bad', reason: head };
    const bodyBuf = rest.subarray(end.bodyStart);
    // interim answers (100 Continue, 103 Early Hints) precede the real one
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      start += end.bodyStart;
      continue;
    }
    const done = (body: Buffer, truncated: boolean): ParseState => ({ kind: 'done', answer: { ...head, body, truncated } });
    if (head.status === 204 || head.status === 304 || head.status === 101) return done(Buffer.alloc(0), false);
    const te = (head.headers['transfer-encoding'] ?? '').toLowerCase();
    if (te.split(',').map((s) => s.trim()).includes('chunked')) {
      const d = dechunk(bodyBuf, cap);
      if (d.kind === 'done') return done(d.body, d.truncated);
      if (d.kind === 'bad') return d;
      return ended ? { kind: 'bad', reason: 'the connection closed in the middle of a chunked body' } : { kind: 'more' };
    }
    const cl = head.headers['content-length'];
    if (cl !== undefined) {
      const values = [...new Set(cl.split(',').map((s) => s.trim()))];
      if (values.length !== 1 || !/^\d{1,15}$/.test(values[0])) return { kind: 'bad', reason: 'the Content-Length header is not one number' };
      const n = Number(values[0]);
      if (bodyBuf.length >= Math.min(n, cap)) return done(bodyBuf.subarray(0, Math.min(n, cap)), n > cap);
      if (ended) return { kind: 'bad', reason: `the connection closed after ${bodyBuf.length} of the ${n} bytes its Content-Length announced` };
      return { kind: 'more' };
    }
    // no length: the body runs to the end of the connection (HTTP/1.0, Connection: close)
    if (bodyBuf.length >= cap) return done(bodyBuf.subarray(0, cap), true);
    return ended ? done(bodyBuf, false) : { kind: 'more' };
  }
}
