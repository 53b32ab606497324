// Where a compose service's project lives, from its containers' compose labels. Labels are input, not
// authority: the working directory must be an existing absolute directory and every config file must
// resolve inside it (no `..`, no symlink out), else the update is refused.
import fs from 'node:fs';
import path from 'node:path';
import type { ContainerSummary } from '../contract';
import { HttpError } from '../http/errors';

export interface ComposeTarget {
  dir: string;
  files: string[];
}

export function composeTargetOf(c: ContainerSummary): ComposeTarget {
  const dirLabel = c.labels['com.docker.compose.project.working_dir'];
  if (!dirLabel || !path.isAbsolute(dirLabel)) throw new HttpError(409, `${c.name} carries no compose working directory: it was not started by compose`);
  let dir: string;
  try {
    dir = fs.realpathSync(dirLabel);
    if (!fs.statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new HttpError(409, `the compose folder of ${c.name} is not on this machine`);
  }
  const raw = (c.labels['com.docker.compose.project.config_files'] ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const files = raw.map((f) => {
    let real: string;
    try {
      real = fs.realpathSync(path.resolve(dir, f));
    } catch {
      throw new HttpError(409, `the compose file ${path.basename(f)} of ${c.name} is missing`);
    }
    if (real !== dir && !real.startsWith(dir + path.sep)) throw new HttpError(409, `the compose file of ${c.name} lies outside its project folder`);
    return path.relative(dir, real);
  });
  return { dir, files };
}
