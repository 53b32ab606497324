// Finds a stack by name: from its containers' compose labels (stacks started anywhere are adopted as they
// are) and from Slipway's own folder under SLIPWAY_STACKS_DIR. Only the files named here may ever be served.
import fs from 'node:fs';
import path from 'node:path';
import type { ContainerSummary } from '../contract';
import { STACK_NAME_RE } from '../contract/stacks';
import { HttpError } from '../http/errors';
import { filesFromLabels, LABEL_ONEOFF, type LabelledFiles } from './compose-labels';

export const OWN_COMPOSE = 'compose.yaml';
export const OWN_ENV = '.env';

export interface StackRef {
  name: string;
  managed: boolean;
  /** the project folder (real path when it exists) */
  dir: string | null;
  /** absolute, in `-f` order */
  composeFiles: string[];
  /** the `.env` compose reads for this stack: the labelled one, else `<dir>/.env` */
  envFile: string | null;
  /** the folder or a compose file is gone (also true when the files are on another host) */
  filesMissing: boolean;
  /** an adopted stack of an engine on another host: its labels name paths on that host, not here */
  filesElsewhere?: boolean;
  containers: ContainerSummary[];
  /** adopted stacks: what the labels (or the remembered labels) named */
  labelled?: LabelledFiles;
}

/** The project's containers on this engine, newest first (one-off `run` containers left out). */
export function projectContainers(all: ContainerSummary[], project: string): ContainerSummary[] {
  return all
    .filter((c) => c.project === project && c.labels[LABEL_ONEOFF] !== 'True')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function isDir(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Slipway's own stack folder for a name, or null (names outside the pattern never become paths). */
export function ownFolder(stacksDir: string, name: string): string | null {
  if (!STACK_NAME_RE.test(name)) return null;
  const dir = path.join(stacksDir, name);
  return isDir(dir) ? dir : null;
}

/**
 * Whether paths in an engine's compose labels are paths of this machine: a unix socket or tcp on loopback.
 * An ssh:// engine is another machine (even through 127.0.0.1, usually a tunnel), as is tcp to another
 * address. Pure.
 */
export function engineSharesFiles(url: string): boolean {
  if (url.startsWith('unix://')) return true;
  if (!url.startsWith('tcp://')) return false;
  const host = new URL(url.replace(/^tcp:/, 'http:')).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/**
 * `remembered`: the files an adopted stack's labels named when it last had containers. `sharesFiles`:
 * engineSharesFiles() of the stack's engine; when false an adopted stack's files are listed but never read.
 */
export function buildStackRef(stacksDir: string, name: string, all: ContainerSummary[], remembered?: LabelledFiles, sharesFiles = true): StackRef | null {
  const containers = projectContainers(all, name);
  const own = ownFolder(stacksDir, name);
  const labelled = containers.map((c) => filesFromLabels(c.labels)).find((f) => f !== null) ?? (containers.length ? null : (remembered ?? null));
  const ownDir = STACK_NAME_RE.test(name) ? path.join(stacksDir, name) : null;
  // Started from Slipway's own folder (or an own folder never deployed): Slipway's files.
  const fromOwn = labelled !== null && ownDir !== null && realOr(labelled.dir) === ownDir;
  if (ownDir && ((own && !labelled) || fromOwn)) {
    const compose = path.join(ownDir, OWN_COMPOSE);
    return { name, managed: true, dir: ownDir, composeFiles: [compose], envFile: path.join(ownDir, OWN_ENV), filesMissing: !fs.existsSync(compose), containers };
  }
  if (!labelled) return containers.length ? { name, managed: false, dir: null, composeFiles: [], envFile: null, filesMissing: false, containers } : null;
  const composeFiles = labelled.composeFiles.length ? labelled.composeFiles : [path.join(labelled.dir, 'docker-compose.yml')];
  const envFile = labelled.envFile ?? path.join(labelled.dir, '.env');
  // a same-named path here would be another file: never look at it
  if (!sharesFiles) return { name, managed: false, dir: labelled.dir, composeFiles, envFile, filesMissing: true, filesElsewhere: true, containers, labelled };
  const dir = realOr(labelled.dir);
  const filesMissing = !isDir(labelled.dir) || composeFiles.some((f) => !fs.existsSync(f));
  return { name, managed: false, dir, composeFiles, envFile, filesMissing, containers, labelled };
}

/** The stack or a 404. */
export function stackRefOr404(stacksDir: string, name: string, all: ContainerSummary[], remembered?: LabelledFiles, sharesFiles = true): StackRef {
  const ref = buildStackRef(stacksDir, name, all, remembered, sharesFiles);
  if (!ref) throw new HttpError(404, `no stack named ${name}`);
  return ref;
}

/** Names of Slipway's own stack folders. */
export function ownStackNames(stacksDir: string): string[] {
  try {
    return fs
      .readdirSync(stacksDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && STACK_NAME_RE.test(d.name))
      .map((d) => d.name);
  } catch {
    return [];
  }
}
