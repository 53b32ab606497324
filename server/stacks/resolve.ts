import type { AppEnv } from '../app';
import { knownStacks, rememberStack } from './known-stacks';
import { engineSharesFiles, stackRefOr404, type StackRef } from './stack-ref';
import { stacksDir } from './stacks-dir';

/** The stack of this environment by name (adopted ones also once brought down), or a 404. */
export function resolveStack(ae: AppEnv, name: string): StackRef {
  const ref = stackRefOr404(stacksDir(ae.app), name, ae.env.watcher.list(), knownStacks(ae).get(name), engineSharesFiles(ae.env.url));
  if (ref.labelled && ref.containers.length) rememberStack(ae, name, ref.labelled);
  return ref;
}
