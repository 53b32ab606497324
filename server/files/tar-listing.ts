// A directory listing from the archive endpoint's tar of that directory: only the headers of the first
// level are kept; every body is drained, never buffered, so memory stays flat however big the tree.
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { FileEntry, FileType } from '../contract';
import { octalMode } from './file-paths';

function typeOf(t: string | null | undefined): FileType {
  if (t === 'directory') return 'directory';
  if (t === 'symlink') return 'symlink';
  if (t === 'file' || t === 'contiguous-file' || t === 'link') return 'file';
  return 'other';
}

/**
 * The first entry is the directory itself ("etc/" for /etc, "/" for the root); the children are the
 * entries with exactly one more component. Hard links show as files of their header's size.
 */
export function listFirstLevel(archive: Readable, limit = 100_000): Promise<FileEntry[]> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const out: FileEntry[] = [];
    let prefix: string | null = null;
    extract.on('entry', (h, body, next) => {
      const name = h.name.replace(/\/+$/, '');
      if (prefix === null) prefix = name === '' ? '' : name; // the directory itself
      else if (name.startsWith(prefix + '/')) {
        const rel = name.slice(prefix.length + 1);
        if (rel && !rel.includes('/') && out.length < limit) {
          const entry: FileEntry = { name: rel, type: typeOf(h.type), size: h.type === 'directory' ? 0 : (h.size ?? 0), mode: octalMode(h.mode ?? 0), uid: h.uid ?? 0, gid: h.gid ?? 0, mtime: h.mtime ? h.mtime.toISOString() : null };
          if (h.type === 'symlink') entry.linkTarget = h.linkname ?? '';
          out.push(entry);
        }
      }
      body.on('end', next);
      body.on('error', () => undefined); // the extract reports it
      body.resume();
    });
    extract.on('finish', () => resolve(out.sort((a, b) => (a.type === 'directory') === (b.type === 'directory') ? a.name.localeCompare(b.name) : a.type === 'directory' ? -1 : 1)));
    extract.on('error', reject);
    archive.on('error', (e) => extract.destroy(e));
    archive.pipe(extract);
  });
}
