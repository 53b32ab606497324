// Compose files and `.env` through the browser: read (env values for admins only), validate with the CLI's
// own `config` before anything is written, write atomically (temp file beside it, then rename) keeping the
// previous 10 versions, restore a version. Only files from confine.ts are touched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppEnv } from '../app';
import type { FileVersion, StackFiles } from '../contract/stacks';
import { HttpError } from '../http/errors';
import { projectArgs, refuseFilesElsewhere } from './compose-args';
import { confinedPath, pickFile, readConfined, stackFiles, type StackFile } from './confine';
import { composeCapture } from './run-capture';
import type { StackRef } from './stack-ref';
import { lineOfKeyPath, pathsStayInside } from './yaml-paths';

export const KEEP_VERSIONS = 10;

/** `KEY=value` lines with the values hidden; comments and blank lines kept. Pure. */
export function maskEnv(text: string): string {
  return text
    .split('\n')
    .map((l) => (/^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/.test(l) ? l.replace(/=.*$/, '=••••••') : l))
    .join('\n');
}

export function readStackFiles(ref: StackRef, fileName: string | undefined, secrets: boolean): StackFiles {
  if (!ref.dir) throw new HttpError(404, `stack ${ref.name} has no folder Slipway knows of`);
  refuseFilesElsewhere(ref);
  if (ref.filesMissing && !fs.existsSync(ref.dir)) throw new HttpError(404, `files missing: ${ref.dir} is gone`);
  const file = pickFile(ref, fileName);
  const compose = readConfined(ref, file);
  if (compose === null) throw new HttpError(404, `files missing: ${file.display} is gone`);
  const envFile = stackFiles(ref).find((f) => f.kind === 'env') ?? null;
  const envText = envFile ? readConfined(ref, envFile) : null;
  return {
    dir: ref.dir,
    file: file.display,
    compose,
    env: secrets ? (envText ?? (ref.managed ? '' : null)) : null,
    envMasked: envText === null ? null : maskEnv(envText),
    composeFiles: ref.composeFiles.map((abs) => stackFiles(ref).find((f) => f.abs === abs)!.display),
    envFile: envFile?.display ?? null,
    managed: ref.managed,
  };
}

interface Replacement {
  file: StackFile;
  content: string;
}

/** The line a CLI message points at: its last `line N`, else the line of a `services.x.y` key path it names. */
export function lineFromMessage(message: string, text: string | undefined): number | undefined {
  const lines = [...message.matchAll(/line (\d+)/g)];
  if (lines.length) return Number(lines[lines.length - 1][1]);
  const keyPath = /\b(services\.[A-Za-z0-9_.-]+|volumes\.[A-Za-z0-9_.-]+|networks\.[A-Za-z0-9_.-]+)/.exec(message);
  return keyPath && text ? lineOfKeyPath(text, keyPath[1].replace(/\.$/, '')) : undefined;
}

const saving = new Set<string>();

/**
 * Validates the new contents together with the stack's other files by running `config` on temp copies
 * placed beside the originals (so relative paths resolve as they will), then renames them into place.
 * On any failure every temp file is removed: nothing is written.
 */
export async function validateAndWrite(ae: AppEnv, ref: StackRef, changes: Replacement[], username: string): Promise<void> {
  const key = ref.dir ?? ref.name;
  if (saving.has(key)) throw new HttpError(409, `another save of ${ref.name} is in progress`);
  saving.add(key);
  const temps = new Map<string, string>();
  try {
    const composeChange = changes.find((c) => c.file.kind === 'compose');
    if (ref.managed && composeChange) {
      const problem = pathsStayInside(composeChange.content, ref.dir!);
      if (problem) throw new HttpError(400, problem.error, problem.line ? { line: problem.line } : {});
    }
    const targets = changes.map((c) => ({ ...c, real: confinedPath(ref, c.file, true)! }));
    for (const t of targets) {
      const tmp = path.join(path.dirname(t.real), `.${path.basename(t.real)}.slipway-${crypto.randomBytes(4).toString('hex')}.tmp`);
      fs.writeFileSync(tmp, t.content, { flag: 'wx', mode: t.file.kind === 'env' ? 0o600 : 0o644 });
      temps.set(t.file.abs, tmp);
    }
    const { exitCode, output } = await composeCapture(ae, ref.dir!, [...projectArgs(ref, temps), 'config', '-q']);
    if (exitCode !== 0) {
      let message = output.trim() || `compose config failed with exit code ${exitCode}`;
      for (const t of targets) message = message.split(temps.get(t.file.abs)!).join(t.file.display).split(path.basename(temps.get(t.file.abs)!)).join(t.file.display);
      const line = lineFromMessage(message, composeChange?.content);
      throw new HttpError(400, message, line ? { line } : {});
    }
    for (const t of targets) {
      const previous = fs.existsSync(t.real) ? fs.readFileSync(t.real, 'utf8') : null;
      if (previous !== null && previous !== t.content) keepVersion(ae, ref, t.file, previous, username);
      fs.renameSync(temps.get(t.file.abs)!, t.real);
      temps.delete(t.file.abs);
    }
  } finally {
    for (const tmp of temps.values()) fs.rmSync(tmp, { force: true });
    saving.delete(key);
  }
}

function keepVersion(ae: AppEnv, ref: StackRef, file: StackFile, content: string, username: string) {
  const db = ae.app.db;
  db.transaction(() => {
    db.prepare('INSERT INTO stack_file_versions (stack_dir, file, content, username) VALUES (?, ?, ?, ?)').run(ref.dir, file.display, content, username);
    db.prepare(
      `DELETE FROM stack_file_versions WHERE stack_dir = ? AND file = ? AND id NOT IN
         (SELECT id FROM stack_file_versions WHERE stack_dir = ? AND file = ? ORDER BY id DESC LIMIT ?)`,
    ).run(ref.dir, file.display, ref.dir, file.display, KEEP_VERSIONS);
  })();
}

interface VersionRow {
  id: number;
  file: string;
  content: string;
  at: string;
  username: string;
}

export function listVersions(ae: AppEnv, ref: StackRef, secrets: boolean): FileVersion[] {
  const names = new Map(stackFiles(ref).map((f) => [f.display, f.kind]));
  const rows = ae.app.db.prepare('SELECT id, file, content, at, username FROM stack_file_versions WHERE stack_dir = ? ORDER BY id DESC').all(ref.dir) as VersionRow[];
  return rows
    .filter((r) => names.has(r.file))
    .map((r) => ({
      version: r.id,
      file: r.file,
      at: r.at,
      by: r.username,
      size: Buffer.byteLength(r.content),
      content: names.get(r.file) === 'env' && !secrets ? null : r.content,
    }));
}

export async function restoreVersion(ae: AppEnv, ref: StackRef, version: number, username: string): Promise<{ file: string }> {
  const row = ae.app.db.prepare('SELECT id, file, content, at, username FROM stack_file_versions WHERE id = ? AND stack_dir = ?').get(version, ref.dir) as VersionRow | undefined;
  if (!row) throw new HttpError(404, `no version ${version} of ${ref.name}`);
  const file = stackFiles(ref).find((f) => f.display === row.file);
  if (!file) throw new HttpError(404, `${row.file} is no longer one of this stack's files`);
  await validateAndWrite(ae, ref, [{ file, content: row.content }], username);
  return { file: file.display };
}

export function forgetVersions(ae: AppEnv, dir: string) {
  ae.app.db.prepare('DELETE FROM stack_file_versions WHERE stack_dir = ?').run(dir);
}
