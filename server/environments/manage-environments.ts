// Adding and removing environments from the settings page (admins). Those of SLIPWAY_ENVIRONMENTS are
// read-only here: the configuration file stays the source of truth for them.
import type { AppEnv } from '../app';
import type { AddEnvironmentBody, EnvironmentInfo } from '../contract';
import { recordAudit } from '../audit/audit-log';
import { HttpError } from '../http/errors';
import { environments } from './registry';
import { deleteStoredEnvironment, storeEnvironment } from './stored-environments';

export function addEnvironment(ae: AppEnv, body: AddEnvironmentBody, username: string): EnvironmentInfo {
  const registry = environments(ae);
  if (registry.has(body.name)) throw new HttpError(409, `environment ${body.name} exists`);
  storeEnvironment(ae.app.db, body, username);
  registry.add({ ...body, source: 'settings' });
  recordAudit(ae.app.db, { username, action: 'environment.add', target: body.name, result: 'ok', detail: { url: body.url } });
  return registry.list().find((e) => e.name === body.name)!;
}

export function removeEnvironment(ae: AppEnv, name: string, username: string) {
  environments(ae).remove(name); // 404 unknown, 409 default or configured
  deleteStoredEnvironment(ae.app.db, name);
  recordAudit(ae.app.db, { username, action: 'environment.remove', target: name, result: 'ok' });
}
