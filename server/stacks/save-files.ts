// Saving and restoring through the API: the stack resolved, the files picked from its own list, the
// write validated (files.ts), drift forgotten, and an audit entry either way.
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import type { PutFilesBody } from '../contract/stacks';
import { HttpError } from '../http/errors';
import { refuseFilesElsewhere } from './compose-args';
import { pickFile, type StackFile } from './confine';
import { driftCache } from './drift';
import { restoreVersion, validateAndWrite } from './files';
import { resolveStack } from './resolve';

async function audited<T>(ae: AppEnv, username: string, action: string, target: string, work: () => Promise<T>): Promise<T> {
  try {
    const r = await work();
    recordAudit(ae.app.db, { username, action, target, result: 'ok' });
    return r;
  } catch (e) {
    recordAudit(ae.app.db, { username, action, target, result: 'failed', detail: (e as Error).message });
    throw e;
  }
}

export async function saveFiles(ae: AppEnv, name: string, body: PutFilesBody, username: string): Promise<{ saved: string[] }> {
  const ref = resolveStack(ae, name);
  if (!ref.dir) throw new HttpError(404, `stack ${name} has no folder Slipway knows of`);
  refuseFilesElsewhere(ref);
  if (ref.filesMissing) throw new HttpError(409, `files missing: ${ref.dir}`);
  const changes: { file: StackFile; content: string }[] = [];
  if (body.compose !== undefined) changes.push({ file: pickFile(ref, body.file, 'compose'), content: body.compose });
  if (body.env !== undefined) changes.push({ file: pickFile(ref, undefined, 'env'), content: body.env });
  return audited(ae, username, 'stack.files.save', `${ae.env.name}/${name}`, async () => {
    await validateAndWrite(ae, ref, changes, username);
    driftCache(ae).forget(name);
    return { saved: changes.map((c) => c.file.display) };
  });
}

export async function restoreFileVersion(ae: AppEnv, name: string, version: number, username: string): Promise<{ restored: string }> {
  const ref = resolveStack(ae, name);
  if (!ref.dir) throw new HttpError(404, `stack ${name} has no folder Slipway knows of`);
  refuseFilesElsewhere(ref);
  return audited(ae, username, 'stack.files.restore', `${ae.env.name}/${name}#${version}`, async () => {
    const { file } = await restoreVersion(ae, ref, version, username);
    driftCache(ae).forget(name);
    return { restored: file };
  });
}
