// What compose's own labels say about a project's files. Labels are input written by whoever ran compose:
// they only name candidates; server/stacks/confine.ts decides what may be read.
import path from 'node:path';

export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_SERVICE = 'com.docker.compose.service';
export const LABEL_WORKING_DIR = 'com.docker.compose.project.working_dir';
export const LABEL_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const LABEL_ENV_FILE = 'com.docker.compose.project.environment_file';
export const LABEL_CONFIG_HASH = 'com.docker.compose.config-hash';
export const LABEL_ONEOFF = 'com.docker.compose.oneoff';

export interface LabelledFiles {
  dir: string;
  /** absolute, in `-f` order */
  composeFiles: string[];
  /** absolute; null when the labels name none (compose then reads `.env` in the folder) */
  envFile: string | null;
}

/** Null when the labels name no absolute working directory (containers made by hand or by old tools). */
export function filesFromLabels(labels: Record<string, string>): LabelledFiles | null {
  const dir = labels[LABEL_WORKING_DIR];
  if (!dir || !path.isAbsolute(dir)) return null;
  const norm = path.normalize(dir);
  const composeFiles = (labels[LABEL_CONFIG_FILES] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => path.resolve(norm, f));
  const envLabel = labels[LABEL_ENV_FILE]?.split(',')[0]?.trim();
  return { dir: norm, composeFiles, envFile: envLabel ? path.resolve(norm, envLabel) : null };
}
