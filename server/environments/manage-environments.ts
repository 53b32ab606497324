// Adding and removing environments from the settings page (admins). Those of SLIPWAY_ENVIRONMENTS are
// read-only here: the configuration file stays the source of truth for them.
import type { AppContext } from '../context';
import type { AddEnvironmentBody, EnvironmentInfo } from '../contract';
import { recordAudit } from '../audit/audit-log';
import { HttpError } from '../http/errors';
import { environments } from './registry';
import { deleteStoredEnvironment, storeEnvironment } from './stored-environments';

export function addEnvironment(ctx: AppContext, body: AddEnvironmentBody, username: string): EnvironmentInfo {
  const registry = environments(ctx);
  if (registry.has(body.name)) throw new HttpError(409, `environment ${body.name} exists`);
  storeEnvironment(ctx.db, body, username);
  registry.add({ ...body, source: 'settings' });
  recordAudit(ctx.db, { username, action: 'environment.add', target: body.name, result: 'ok', detail: { url: body.url } });
  return registry.list().find((e) => e.name === body.name)!;
}

export function removeEnvironment(ctx: AppContext, name: string, username: string) {
  environments(ctx).remove(name); // 404 unknown, 409 default or configured
  deleteStoredEnvironment(ctx.db, name);
  recordAudit(ctx.db, { username, action: 'environment.remove', target: name, result: 'ok' });
}
