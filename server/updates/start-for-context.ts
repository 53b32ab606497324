// The bridge from server/index.ts (which holds the older per-environment context) to the explicit shape.
import { appEnvOf } from '../app';
import type { AppContext } from '../context';
import { environments } from '../environments/registry';
import { startUpdateChecks } from './start';

export function startUpdatesFor(ctx: AppContext) {
  const { app, env } = appEnvOf(ctx, environments(ctx).urlOf(ctx.env));
  return startUpdateChecks(app, env);
}
