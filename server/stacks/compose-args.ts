// The compose arguments that name one stack exactly as it was started: its project name, folder, every
// `-f` file in order and its env file. Compose then resolves `env_file: ../../.env`, build contexts `../..`
// and the rest as it would for the operator.
import fs from 'node:fs';
import type { AppEnv } from '../app';
import { detectCompose, type ComposeCli, type EngineTarget } from '../compose/cli';
import { HttpError } from '../http/errors';
import type { StackRef } from './stack-ref';

export function projectArgs(ref: StackRef, swap: Map<string, string> = new Map()): string[] {
  if (!ref.dir || ref.composeFiles.length === 0) throw new HttpError(409, `stack ${ref.name} has no compose files Slipway knows of`);
  const args = ['-p', ref.name, '--project-directory', ref.dir];
  for (const f of ref.composeFiles) args.push('-f', swap.get(f) ?? f);
  const env = ref.envFile ? (swap.get(ref.envFile) ?? ref.envFile) : null;
  if (env && fs.existsSync(env)) args.push('--env-file', env);
  return args;
}

export function engineOf({ app, env }: AppEnv): EngineTarget {
  return { url: env.url, name: env.name, tlsDir: app.config.tlsDir };
}

export async function composeCliOr503(): Promise<ComposeCli> {
  const cli = await detectCompose();
  if (!cli) throw new HttpError(503, 'no compose CLI found (neither `docker compose` nor `docker-compose`)');
  return cli;
}

/** An adopted stack of an engine on another host: its files are on that host (409 saying so). */
export function refuseFilesElsewhere(ref: StackRef) {
  if (ref.filesElsewhere)
    throw new HttpError(409, `files on another host: the compose files of ${ref.name} (${ref.dir ?? 'no folder'}) are on the engine's host, which Slipway cannot read; run compose there, or create the stack in Slipway`);
}

/** Fails early with "files missing" instead of letting compose guess. */
export function requireFiles(ref: StackRef) {
  refuseFilesElsewhere(ref);
  if (ref.filesMissing) throw new HttpError(409, `files missing: the folder or compose files of ${ref.name} are gone (${ref.dir ?? 'no folder'})`);
}
