// Stream pieces for backups: Docker's multiplexed exec output split with backpressure (docker-modem's
// demuxStream ignores it, so a slow disk would make the server buffer the whole dump), and a tap that
// hashes and counts bytes on their way to disk.
import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const STDERR_KEEP = 64 * 1024;

/** Docker's 8-byte-header frames in; stdout bytes out; stderr kept (bounded) for error messages. */
export class DemuxStdout extends Transform {
  private pending = Buffer.alloc(0);
  private frameType = -1;
  private frameLeft = 0;
  stderr = '';

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length) {
      if (this.frameLeft === 0) {
        if (buf.length < 8) {
          this.pending = Buffer.from(buf);
          break;
        }
        this.frameType = buf[0];
        this.frameLeft = buf.readUInt32BE(4);
        buf = buf.subarray(8);
        continue;
      }
      const n = Math.min(this.frameLeft, buf.length);
      const part = buf.subarray(0, n);
      if (this.frameType === 1) this.push(part);
      else if (this.frameType === 2 && this.stderr.length < STDERR_KEEP) this.stderr += part.toString('utf8');
      this.frameLeft -= n;
      buf = buf.subarray(n);
    }
    done();
  }
}

/**
 * Passes bytes through while computing sha256 and size, keeping the first bytes for a plausibility
 * check. `hash: false` only counts (for an inner stage whose digest nobody needs).
 */
export class HashTap extends Transform {
  private hash: crypto.Hash | null;
  bytes = 0;
  head = Buffer.alloc(0);
  constructor(private headBytes = 512, private onBytes?: (n: number) => void, hash = true) {
    super();
    this.hash = hash ? crypto.createHash('sha256') : null;
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.hash?.update(chunk);
    this.bytes += chunk.length;
    if (this.head.length < this.headBytes) this.head = Buffer.concat([this.head, chunk.subarray(0, this.headBytes - this.head.length)]);
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }
  private adopted: string | null = null;
  /** Takes size and digest from a copy made elsewhere (the volume worker thread). */
  adopt(bytes: number, sha256: string) {
    this.bytes = bytes;
    this.adopted = sha256;
    this.onBytes?.(bytes);
  }
  /** Progress of a copy made elsewhere. */
  report(bytes: number) {
    this.bytes = bytes;
    this.onBytes?.(bytes);
  }
  digest(): string {
    if (this.adopted) return this.adopted;
    if (!this.hash) throw new Error('this tap does not hash');
    return this.hash.digest('hex');
  }
}

/** Calls `fn` at most every `ms` (and once more at the end through flush()). */
export function throttle<T>(fn: (v: T) => void, ms: number) {
  let last = 0;
  let latest: T | undefined;
  const call = (v: T) => {
    latest = v;
    const t = Date.now();
    if (t - last >= ms) {
      last = t;
      fn(v);
    }
  };
  call.flush = () => {
    if (latest !== undefined) fn(latest);
  };
  return call;
}

/** A tar header block: `ustar` magic at offset 257. */
export function looksLikeTar(head: Buffer): boolean {
  return head.length >= 263 && head.subarray(257, 262).toString('latin1') === 'ustar';
}
