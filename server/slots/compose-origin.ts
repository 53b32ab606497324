// Where a slot container came from, read from the labels the compose CLI puts on it (the stacks area
// owns server/stacks/**; this reads the container only): project, service, working directory, the
// compose files and the env file. Labels are input: every path must be absolute, the files must be
// regular files inside the working directory (after resolving links), and names must be plain.
import fs from 'node:fs';
import path from 'node:path';

export interface ComposeOrigin {
  project: string;
  service: string;
  workingDir: string;
  configFiles: string[];
  envFile: string | null;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const C = 'com.docker.compose.';

function inside(dir: string, file: string): string | null {
  try {
    const real = fs.realpathSync(file);
    const rel = path.relative(dir, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The compose origin of a container, or why there is none usable. */
export function composeOrigin(labels: Record<string, string>): ComposeOrigin | { problem: string } {
  const project = labels[`${C}project`], service = labels[`${C}service`];
  const wd = labels[`${C}project.working_dir`], files = labels[`${C}project.config_files`];
  if (!project || !service) return { problem: 'the idle slot was not created by compose (no compose project and service labels)' };
  if (!NAME_RE.test(project) || !NAME_RE.test(service)) return { problem: 'the compose project or service label is not a plain name' };
  if (!wd || !files) return { problem: `compose did not record the working directory and files of ${project} on the container` };
  if (!path.isAbsolute(wd)) return { problem: 'the compose working directory label is not an absolute path' };
  let workingDir: string;
  try {
    workingDir = fs.realpathSync(wd);
    if (!fs.statSync(workingDir).isDirectory()) throw new Error('not a directory');
  } catch {
    return { problem: `the compose working directory ${wd} of ${project} is not on this machine` };
  }
  const configFiles: string[] = [];
  for (const f of files.split(',').map((x) => x.trim()).filter(Boolean)) {
    const real = inside(workingDir, path.resolve(workingDir, f));
    if (!real) return { problem: `compose file ${f} of ${project} is missing or outside its working directory` };
    configFiles.push(real);
  }
  if (configFiles.length === 0) return { problem: `no compose file recorded for ${project}` };
  const ef = labels[`${C}project.environment_file`];
  let envFile: string | null = null;
  if (ef) {
    envFile = inside(workingDir, path.resolve(workingDir, ef));
    if (!envFile) return { problem: `the env file ${ef} of ${project} is missing or outside its working directory` };
  }
  return { project, service, workingDir, configFiles, envFile };
}

/** compose's arguments for the owner's deploy of one service: `up -d --no-deps [--build] SERVICE`. */
export function composeUpArgs(o: ComposeOrigin, build: boolean): string[] {
  return [
    '-p', o.project,
    ...o.configFiles.flatMap((f) => ['-f', f]),
    ...(o.envFile ? ['--env-file', o.envFile] : []),
    'up', '-d', '--no-deps', ...(build ? ['--build'] : []), o.service,
  ];
}
