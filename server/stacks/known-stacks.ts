// Adopted stacks remembered from their labels: after a `down` their containers (and labels) are gone, yet
// the files are still where they were, so the stack stays listed as not deployed and can be deployed again.
import type { AppEnv } from '../app';
import type { LabelledFiles } from './compose-labels';

type Known = Map<string, string>;

function cache(ae: AppEnv): Known {
  return ae.env.service('stacks:known', () => new Map<string, string>());
}

/** Records (or updates) a stack's labelled files; a no-op when nothing changed since the last call. */
export function rememberStack(ae: AppEnv, name: string, files: LabelledFiles) {
  const key = JSON.stringify(files);
  if (cache(ae).get(name) === key) return;
  ae.app.db
    .prepare(
      `INSERT INTO stack_known (env, name, dir, compose_files, env_file) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (env, name) DO UPDATE SET dir = excluded.dir, compose_files = excluded.compose_files, env_file = excluded.env_file,
         seen_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    )
    .run(ae.env.name, name, files.dir, JSON.stringify(files.composeFiles), files.envFile);
  cache(ae).set(name, key);
}

export function knownStacks(ae: AppEnv): Map<string, LabelledFiles> {
  const rows = ae.app.db.prepare('SELECT name, dir, compose_files, env_file FROM stack_known WHERE env = ?').all(ae.env.name) as {
    name: string;
    dir: string;
    compose_files: string;
    env_file: string | null;
  }[];
  return new Map(rows.map((r) => [r.name, { dir: r.dir, composeFiles: JSON.parse(r.compose_files) as string[], envFile: r.env_file }]));
}

export function forgetStack(ae: AppEnv, name: string) {
  ae.app.db.prepare('DELETE FROM stack_known WHERE env = ? AND name = ?').run(ae.env.name, name);
  cache(ae).delete(name);
}
