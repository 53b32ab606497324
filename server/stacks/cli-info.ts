import type { ComposeCli } from '../compose/cli';
import type { ComposeCliInfo } from '../contract/stacks';

export function cliInfo(cli: ComposeCli | null): ComposeCliInfo | null {
  return cli ? { flavor: cli.flavor, version: cli.version, command: cli.argv.join(' ') } : null;
}
