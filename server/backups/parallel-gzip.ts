// gzip with the compression of consecutive 1 MB blocks running on several thread-pool threads at
// once (the way pigz does it), producing one ordinary gzip member that gunzip, `tar xzf` and
// zlib read like any other. Each block is raw deflate primed with the last 32 KB of the block
// before it (so the ratio matches a serial gzip within a fraction of a percent) and ends with a
// sync flush, which byte-aligns it so the blocks concatenate into one deflate stream; the last
// ends the stream. The CRC-32 and length of the whole input make the gzip trailer.
//
// `threads: 1` compresses one block at a time: a plain gzip stream, in 1 MB calls.
import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);
const WINDOW = 32 * 1024;

export interface ParallelGzipOptions {
  level?: number;
  threads?: number;
  blockSize?: number;
}

export class ParallelGzip extends Transform {
  private readonly level: number;
  private readonly threads: number;
  private readonly blockSize: number;
  private parts: Buffer[] = [];
  private held = 0;
  private dict: Buffer | null = null;
  private crc = 0;
  private size = 0;
  /** compressed blocks in input order, still being compressed or waiting to be pushed */
  private inflight: Promise<Buffer>[] = [];

  constructor(o: ParallelGzipOptions = {}) {
    const blockSize = o.blockSize ?? 1024 * 1024;
    super({ writableHighWaterMark: blockSize, readableHighWaterMark: blockSize });
    this.level = o.level ?? 6;
    this.threads = Math.max(1, o.threads ?? 2);
    this.blockSize = blockSize;
    // The member header: deflate, no name or time, "fastest"/"best" hint as gzip(1) sets it, Unix.
    this.push(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, this.level === 9 ? 2 : this.level === 1 ? 4 : 0, 3]));
  }

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    while (chunk.length) {
      const take = Math.min(chunk.length, this.blockSize - this.held);
      this.parts.push(chunk.subarray(0, take));
      this.held += take;
      chunk = chunk.subarray(take);
      if (this.held === this.blockSize) this.start(this.takeBlock(), false);
    }
    // Keep at most `threads` blocks compressing: wait for the oldest before taking more input.
    this.drain(this.threads - 1).then(() => done(), done);
  }

  _flush(done: TransformCallback) {
    // The last block (possibly empty) ends the deflate stream.
    this.start(this.takeBlock(), true);
    this.drain(0).then(() => {
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(this.crc >>> 0, 0);
      trailer.writeUInt32LE(this.size % 2 ** 32, 4);
      done(null, trailer);
    }, done);
  }

  private takeBlock(): Buffer {
    const block = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.held);
    this.parts = [];
    this.held = 0;
    return block;
  }

  private start(block: Buffer, last: boolean) {
    this.crc = zlib.crc32(block, this.crc);
    this.size += block.length;
    const opts: zlib.ZlibOptions = {
      level: this.level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      // One output buffer even for incompressible data (stored blocks add a few bytes per 64 KB).
      chunkSize: Math.max(64 * 1024, block.length + (block.length >> 3) + 1024),
    };
    if (this.dict?.length) opts.dictionary = this.dict;
    const compressed = deflateRaw(block, opts);
    // Awaited in order by drain(); this keeps a failure of a later block (after an earlier one
    // already failed the stream) from being an unhandled rejection.
    compressed.catch(() => undefined);
    this.inflight.push(compressed);
    // The next block's dictionary: the last 32 KB of input so far.
    this.dict = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : Buffer.concat([this.dict ?? Buffer.alloc(0), block]).subarray(-WINDOW);
  }

  /** Pushes finished blocks, in order, until at most `keep` are still in flight. */
  private async drain(keep: number) {
    while (this.inflight.length > keep) this.push(await this.inflight.shift()!);
  }
}
