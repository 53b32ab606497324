// Checks a requested operation (down confirmed by the typed name, volumes only when asked, a service the
// stack has, files present), then hands it to the environment's runner.
import type { AppEnv } from '../app';
import { recordAudit } from '../audit/audit-log';
import type { OperationBody, OperationRecord } from '../contract/stacks';
import { HttpError } from '../http/errors';
import { composeCliOr503, requireFiles } from './compose-args';
import { driftCache } from './drift';
import { operations, type OperationRequest } from './operations';
import { resolveStack } from './resolve';

export async function startOperation(ae: AppEnv, name: string, body: OperationBody | OperationRequest, username: string): Promise<OperationRecord> {
  const ref = resolveStack(ae, name);
  const refuse = (status: number, message: string): never => {
    recordAudit(ae.app.db, { username, action: `stack.${body.action}`, target: `${ae.env.name}/${name}`, result: 'failed', detail: message });
    throw new HttpError(status, message);
  };
  if (body.action === 'down') {
    if (body.service) refuse(400, 'down works on the whole stack: stop a single service instead');
    if (!('confirm' in body) || body.confirm !== name) refuse(400, `type the stack's name (${name}) to confirm down`);
  } else if ('removeVolumes' in body && body.removeVolumes) refuse(400, 'removeVolumes goes with down only');
  if (!ref.dir) refuse(409, `stack ${name} has no compose files Slipway knows of (started without compose labels)`);
  try {
    requireFiles(ref);
  } catch (e) {
    refuse(409, (e as Error).message);
  }
  const cli = await composeCliOr503();
  const runner = operations(ae);
  runner.onDone ??= (op) => driftCache(ae).forget(op.stack);
  return runner.start(cli, ref, { action: body.action, service: body.service, removeVolumes: 'removeVolumes' in body ? body.removeVolumes : undefined, replicas: 'replicas' in body ? body.replicas : undefined }, username);
}
