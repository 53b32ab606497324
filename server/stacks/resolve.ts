import type { AppEnv } from '../app';
import { stackRefOr404, type StackRef } from './stack-ref';
import { stacksDir } from './stacks-dir';

/** The stack of this environment by name, or a 404. */
export function resolveStack(ae: AppEnv, name: string): StackRef {
  return stackRefOr404(stacksDir(ae.app), name, ae.env.watcher.list());
}
