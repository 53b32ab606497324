// The only door to stack files on disk. A file is reachable only when it is one the stack's labels (or
// Slipway's own folder) name, has the shape of a compose file or an env file, and its real path (symlinks
// resolved) still has that shape and is a regular file. Requests name files by their listed display name,
// never by a path, so `..` cannot reach anything.
import fs from 'node:fs';
import path from 'node:path';
import { HttpError } from '../http/errors';
import type { StackRef } from './stack-ref';

const COMPOSE_NAME = /\.ya?ml$/i;
const ENV_NAME = /^\.env([._-][\w.-]*)?$|[\w-]\.env$/i;

export interface StackFile {
  /** what the browser sees and names: relative to the stack folder */
  display: string;
  abs: string;
  kind: 'compose' | 'env';
}

function displayOf(ref: StackRef, abs: string): string {
  if (!ref.dir) return path.basename(abs);
  const rel = path.relative(ref.dir, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/** The files this stack may show, in `-f` order, then the env file. */
export function stackFiles(ref: StackRef): StackFile[] {
  const out: StackFile[] = ref.composeFiles.map((abs) => ({ display: displayOf(ref, abs), abs, kind: 'compose' as const }));
  if (ref.envFile) out.push({ display: displayOf(ref, ref.envFile), abs: ref.envFile, kind: 'env' });
  return out;
}

function shapeOk(kind: StackFile['kind'], p: string): boolean {
  return kind === 'compose' ? COMPOSE_NAME.test(p) : ENV_NAME.test(path.basename(p));
}

/**
 * The real path behind a listed file, checked: right shape before and after resolving symlinks, a regular
 * file (or absent, when `mayBeAbsent`), and for Slipway's own stacks directly inside the stack folder.
 */
export function confinedPath(ref: StackRef, file: StackFile, mayBeAbsent = false): string | null {
  if (!shapeOk(file.kind, file.abs)) throw new HttpError(403, `${file.display} is not a compose or env file: not served`);
  let real: string;
  try {
    real = fs.realpathSync(file.abs);
  } catch {
    if (!mayBeAbsent) return null;
    // absent: its folder must exist and be what it claims (own stacks: the stack folder itself)
    real = path.join(fs.realpathSync(path.dirname(file.abs)), path.basename(file.abs));
  }
  if (!shapeOk(file.kind, real)) throw new HttpError(403, `${file.display} resolves to a file that is not served`);
  if (ref.managed && ref.dir && path.dirname(real) !== ref.dir) throw new HttpError(403, `${file.display} leaves the stack folder: not served`);
  if (fs.existsSync(real) && !fs.lstatSync(real).isFile()) throw new HttpError(403, `${file.display} is not a regular file`);
  return real;
}

/** Picks a listed file by display name (the first compose file when none is named). */
export function pickFile(ref: StackRef, name: string | undefined, kind: StackFile['kind'] = 'compose'): StackFile {
  const files = stackFiles(ref).filter((f) => f.kind === kind);
  if (name === undefined) {
    if (!files[0]) throw new HttpError(404, `stack ${ref.name} names no ${kind} file`);
    return files[0];
  }
  if (name.includes('\0')) throw new HttpError(400, 'invalid file name');
  const found = files.find((f) => f.display === name);
  if (!found) throw new HttpError(404, `${name} is not one of this stack's files`);
  return found;
}

/** Reads a confined file; null when it does not exist. Opened without following a last-moment symlink. */
export function readConfined(ref: StackRef, file: StackFile): string | null {
  const real = confinedPath(ref, file);
  if (!real) return null;
  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new HttpError(403, `${file.display} cannot be opened`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size > 1_000_000) throw new HttpError(413, `${file.display} is larger than 1 MB`);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
