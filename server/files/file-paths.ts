// Paths inside a container or volume. Normalized as POSIX (so `..` can never climb above `/`), always
// absolute, never NUL; the archive endpoint then resolves them inside the container's own root.
import path from 'node:path';
import { HttpError } from '../http/errors';

export function normalizeFilePath(p: string): string {
  if (!p.startsWith('/')) throw new HttpError(400, 'path must be absolute');
  if (p.includes('\0')) throw new HttpError(400, 'path must not contain NUL');
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** The last component, or `/` for the root. */
export function baseName(p: string): string {
  return p === '/' ? '/' : path.posix.basename(p);
}

export function parentOf(p: string): string {
  return path.posix.dirname(p);
}

/** Octal permission bits, e.g. "0755". */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** A name safe inside a Content-Disposition header (the real name goes in filename*). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^a-zA-Z0-9_.-]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
