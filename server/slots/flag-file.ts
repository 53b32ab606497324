// Live switching's flag file inside the proxy container (`web.conf` → `web.green`): nginx checks it on
// every request (`if (-f …)`), so green serves while it exists and blue when it does not. Creating it
// goes through the archive endpoint (no tools needed in the container); removing it is an exec of
// `rm -f` with a fixed argv, an atomic unlink. The path comes only from the validated config label.
import type Docker from 'dockerode';
import type { SlotName } from '../contract';
import { readContainerFile, writeContainerFile } from './container-files';
import { execCollect, SHORT_EXEC } from '../docker/exec';

/** The slot the flag routes to now, and the flag's content (to put back) when it exists. */
export async function readFlag(docker: Docker, containerId: string, flag: string): Promise<{ slot: SlotName; content: string | null }> {
  const content = await readContainerFile(docker, containerId, flag);
  return { slot: content === null ? 'blue' : 'green', content };
}

/**
 * Routes to `to`. Only touches the file when it must: replacing an existing file through the archive
 * endpoint is remove-then-create, which would let a few requests see it missing.
 */
export async function setFlag(docker: Docker, containerId: string, flag: string, to: SlotName, current: SlotName, group: string, content?: string | null): Promise<'created' | 'removed' | 'unchanged'> {
  if (to === current) return 'unchanged';
  if (to === 'green') {
    await writeContainerFile(docker, containerId, flag, content ?? `# Written by Slipway: group ${group} is served by its green slot while this file exists.\n`);
    return 'created';
  }
  const r = await execCollect(docker, containerId, ['rm', '-f', flag], SHORT_EXEC);
  if (r.code !== 0) throw new Error(`rm -f ${flag} failed (exit ${r.code}): ${r.output}`);
  return 'removed';
}
