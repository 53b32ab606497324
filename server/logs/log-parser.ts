// Turns the bytes of Docker's /containers/:id/logs?timestamps=1 into lines. Non-TTY containers send a
// multiplexed stream (8-byte frame headers: stream type, 0,0,0, big-endian payload length); TTY ones
// send raw text. Each line starts with its RFC3339Nano timestamp and a space.
import { normalizeTs, type LogLine, type LogStream } from '../contract';

const HEADER = 8;

export class LogParser {
  private pending: Buffer | null = null;
  /** text of a line not yet ended by \n, per stream (Docker splits lines over 16 KB into partial messages) */
  private partial: Record<LogStream, string | null> = { stdout: null, stderr: null };

  constructor(private containerId: string, private tty: boolean) {}

  /** Parses one chunk; returns the complete lines it finished. */
  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    if (this.tty) {
      this.text(chunk.toString('utf8'), 'stdout', out);
      return out;
    }
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let off = 0;
    while (buf.length - off >= HEADER) {
      const size = buf.readUInt32BE(off + 4);
      if (buf.length - off - HEADER < size) break;
      const stream: LogStream = buf[off] === 2 ? 'stderr' : 'stdout';
      this.text(buf.toString('utf8', off + HEADER, off + HEADER + size), stream, out);
      off += HEADER + size;
    }
    this.pending = off < buf.length ? buf.subarray(off) : null;
    if (this.pending && this.pending.length > 0 && off > 0) this.pending = Buffer.from(this.pending); // do not pin the big chunk
    return out;
  }

  /** Whatever is left when the stream ends (a last line without newline). */
  flush(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.partial[stream];
      if (p !== null && p !== '') out.push(this.line(p, stream));
      this.partial[stream] = null;
    }
    return out;
  }

  private text(s: string, stream: LogStream, out: LogLine[]) {
    let start = 0;
    let carry = this.partial[stream];
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      let piece = s.slice(start, nl);
      if (piece.endsWith('\r')) piece = piece.slice(0, -1);
      if (carry !== null) {
        piece = carry + stripTs(piece);
        carry = null;
      }
      out.push(this.line(piece, stream));
      start = nl + 1;
    }
    if (start < s.length) {
      const rest = s.slice(start);
      carry = carry === null ? rest : carry + stripTs(rest);
    }
    this.partial[stream] = carry;
  }

  private line(raw: string, stream: LogStream): LogLine {
    const sp = raw.indexOf(' ');
    if (sp > 19 && sp < 40 && raw.charCodeAt(4) === 45 /* - */) {
      return { ts: normalizeTs(raw.slice(0, sp)), stream, text: raw.slice(sp + 1), containerId: this.containerId };
    }
    return { ts: '', stream, text: raw, containerId: this.containerId };
  }
}

/** A continuation of a partial message carries its own timestamp prefix; the line keeps the first. */
function stripTs(s: string): string {
  const sp = s.indexOf(' ');
  return sp > 19 && sp < 40 && s.charCodeAt(4) === 45 ? s.slice(sp + 1) : s;
}
