// The one regular file in the archive endpoint's tar of a file path, without a general tar parser in the
// way (bytes pass through sliced, at the speed of the socket): extended headers (PAX `x`/`g`, GNU long
// names `L`/`K`) are skipped, the file's header gives its size, exactly that many bytes follow. An archive
// that ends before them is an error, never a short file.
import { Transform, type TransformCallback } from 'node:stream';

const BLOCK = 512;
const SKIPPED = new Set(['x', 'g', 'L', 'K']);

function octal(buf: Buffer, off: number, len: number): number {
  const field = buf.subarray(off, off + len);
  if (field[0] & 0x80) {
    // base-256 (GNU) for sizes beyond 8 GB
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  const s = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return s ? parseInt(s, 8) : 0;
}

export interface EntryHeader {
  size: number;
  type: string;
}

export class SingleFileEntry extends Transform {
  private pending = Buffer.alloc(0);
  private skip = 0;
  private left = -1; // bytes of the file still to pass; -1 while reading headers
  private finished = false;

  constructor(private onHeader: (h: EntryHeader) => void) {
    super({ highWaterMark: 1024 * 1024 });
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length > 0 && !this.finished) {
      if (this.left > 0) {
        const take = Math.min(this.left, buf.length);
        this.push(buf.subarray(0, take));
        this.left -= take;
        buf = buf.subarray(take);
        if (this.left === 0) this.finished = true;
        continue;
      }
      if (this.skip > 0) {
        const take = Math.min(this.skip, buf.length);
        this.skip -= take;
        buf = buf.subarray(take);
        continue;
      }
      if (buf.length < BLOCK) {
        this.pending = Buffer.from(buf);
        break;
      }
      const header = buf.subarray(0, BLOCK);
      buf = buf.subarray(BLOCK);
      if (header.every((b) => b === 0)) return done(new Error('the archive holds no regular file'));
      const type = String.fromCharCode(header[156] || 0x30);
      const size = octal(header, 124, 12);
      if (SKIPPED.has(type)) {
        this.skip = Math.ceil(size / BLOCK) * BLOCK;
        continue;
      }
      if (type !== '0' && type !== '7') return done(new Error(`the archive holds a ${type} entry, not a regular file`));
      this.onHeader({ size, type: 'file' });
      if (size === 0) this.finished = true;
      this.left = size;
    }
    done();
  }

  _flush(done: TransformCallback) {
    done(this.finished ? null : new Error('the archive ended before the whole file'));
  }
}
