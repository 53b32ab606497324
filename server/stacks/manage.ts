// Creating and deleting Slipway's own stacks: one folder each under SLIPWAY_STACKS_DIR. The name is checked
// by the contract's pattern, so it is one path segment; nothing is left behind when validation fails.
import fs from 'node:fs';
import path from 'node:path';
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import type { CreateStackBody } from '../contract/stacks';
import { HttpError } from '../http/errors';
import { stackFiles } from './confine';
import { forgetVersions, validateAndWrite } from './files';
import { forgetStack } from './known-stacks';
import { resolveStack } from './resolve';
import { OWN_COMPOSE, OWN_ENV, projectContainers, type StackRef } from './stack-ref';
import { stacksDir } from './stacks-dir';

export async function createStack(ae: AppEnv, body: CreateStackBody, username: string): Promise<{ name: string; dir: string }> {
  const root = stacksDir(ae.app);
  const dir = path.join(root, body.name);
  if (projectContainers(ae.env.watcher.list(), body.name).length) throw new HttpError(409, `a compose project named ${body.name} already runs on ${ae.env.name}`);
  try {
    fs.mkdirSync(dir); // not recursive: fails when it exists, so two creates cannot share a folder
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new HttpError(409, `stack ${body.name} exists`);
    throw e;
  }
  const ref: StackRef = { name: body.name, managed: true, dir, composeFiles: [path.join(dir, OWN_COMPOSE)], envFile: path.join(dir, OWN_ENV), filesMissing: false, containers: [] };
  const [composeFile, envFile] = stackFiles(ref);
  try {
    await validateAndWrite(ae, ref, [{ file: composeFile, content: body.compose }, { file: envFile, content: body.env ?? '' }], username);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    recordAudit(ae.app.db, { username, action: 'stack.create', target: body.name, result: 'failed', detail: (e as Error).message });
    throw e;
  }
  recordAudit(ae.app.db, { username, action: 'stack.create', target: body.name, result: 'ok', detail: { dir } });
  return { name: body.name, dir };
}

export function deleteStack(ae: AppEnv, name: string, confirm: string, username: string): { deleted: string } {
  const root = stacksDir(ae.app);
  const ref = resolveStack(ae, name);
  if (confirm !== name) throw new HttpError(400, `type the stack's name (${name}) to confirm`);
  if (ref.containers.length) throw new HttpError(409, `${name} is deployed: bring it down first`);
  if (!ref.managed || !ref.dir) {
    // an adopted stack: Slipway forgets it; its folder is not Slipway's to delete
    forgetStack(ae, name);
    recordAudit(ae.app.db, { username, action: 'stack.forget', target: name, result: 'ok', detail: { dir: ref.dir } });
    return { deleted: name };
  }
  const st = fs.lstatSync(ref.dir, { throwIfNoEntry: false });
  if (st && (!st.isDirectory() || path.dirname(ref.dir) !== root)) throw new HttpError(403, `${ref.dir} is not a stack folder`);
  if (st) fs.rmSync(ref.dir, { recursive: true, force: true });
  forgetVersions(ae, ref.dir);
  recordAudit(ae.app.db, { username, action: 'stack.delete', target: name, result: 'ok', detail: { dir: ref.dir } });
  return { deleted: name };
}
