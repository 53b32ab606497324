// Checks a tar stream's framing as it passes, without parsing entries: header, body rounded up to 512
// bytes, ... and the zero block that ends the archive. Cheap enough for every byte of a folder download;
// `complete` is false when the engine stopped before the end-of-archive block.
const BLOCK = 512;

function sizeOf(h: Buffer): number {
  if (h[124] & 0x80) {
    let n = 0;
    for (let i = 125; i < 136; i++) n = n * 256 + h[i];
    return n;
  }
  const s = h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim();
  const n = s ? parseInt(s, 8) : 0;
  if (!Number.isFinite(n)) throw new Error('the archive has a broken header');
  return n;
}

export class TarFraming {
  private skip = 0;
  private partial = Buffer.alloc(0);
  complete = false;

  /** Throws on a header that cannot be read. */
  consume(chunk: Buffer) {
    let buf = chunk;
    while (buf.length > 0 && !this.complete) {
      if (this.skip > 0) {
        const take = Math.min(this.skip, buf.length);
        this.skip -= take;
        buf = buf.subarray(take);
        continue;
      }
      if (this.partial.length + buf.length < BLOCK) {
        this.partial = Buffer.concat([this.partial, buf]);
        return;
      }
      const need = BLOCK - this.partial.length;
      const header = this.partial.length ? Buffer.concat([this.partial, buf.subarray(0, need)]) : buf.subarray(0, BLOCK);
      buf = buf.subarray(need);
      this.partial = Buffer.alloc(0);
      if (header.every((b) => b === 0)) {
        this.complete = true;
        return;
      }
      this.skip = Math.ceil(sizeOf(header) / BLOCK) * BLOCK;
    }
  }
}
