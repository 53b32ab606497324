// What an environment is: a name and a DOCKER_HOST-style URL. Parsed from SLIPWAY_ENVIRONMENTS
// (`name=url,...`, the default first) and from the settings page (stored in SQLite). Pure: no I/O.
import { addEnvironmentBody } from '../contract/environments';

const nameSchema = addEnvironmentBody.shape.name;
const urlSchema = addEnvironmentBody.shape.url;

export interface EnvironmentSpec {
  name: string;
  url: string;
  /** config: from SLIPWAY_ENVIRONMENTS (read-only in the UI); settings: added by an admin */
  source: 'config' | 'settings';
}

/** `prod=unix:///var/run/docker.sock,edge=tcp://10.0.0.5:2376` → specs; throws a message naming the bad entry. */
export function parseEnvironmentList(value: string): EnvironmentSpec[] {
  const out: EnvironmentSpec[] = [];
  for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = raw.indexOf('=');
    if (eq < 1) throw new Error(`entry "${raw}" must be name=url`);
    const name = raw.slice(0, eq).trim();
    const url = raw.slice(eq + 1).trim();
    const n = nameSchema.safeParse(name);
    if (!n.success) throw new Error(`environment name "${name}": ${n.error.issues[0].message}`);
    const u = urlSchema.safeParse(url);
    if (!u.success) throw new Error(`environment ${name}: ${u.error.issues[0].message}`);
    if (out.some((e) => e.name === name)) throw new Error(`environment ${name} is listed twice`);
    out.push({ name, url, source: 'config' });
  }
  if (!out.length) throw new Error('lists no environment');
  return out;
}
