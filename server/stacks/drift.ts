// Drift: whether each service's containers still match the compose files. Compose's own config-hash label
// decides (what `up` would recreate); the reasons come from comparing the resolved config with the
// containers' inspect output: image reference and image ID (changes after a pull), env, ports, volumes,
// labels, command. Containers of services the files no longer have are orphans.
import type Docker from 'dockerode';
import { parse } from 'yaml';
import type { AppEnv } from '../app';
import type { DriftEntry } from '../contract/stacks';
import { LABEL_CONFIG_HASH } from './compose-labels';
import { projectArgs } from './compose-args';
import { composeCapture } from './run-capture';
import type { StackRef } from './stack-ref';

type Svc = {
  image?: string;
  environment?: Record<string, string | number | null> | string[];
  ports?: (string | { target: number; published?: number | string; protocol?: string })[];
  volumes?: (string | { target: string })[];
  labels?: Record<string, string> | string[];
  command?: string | string[];
};

/** `svc hash` lines of `config --hash=*`. Pure. */
export function parseHashes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+([a-f0-9]{64})\s*$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/**
 * `config` prints a literal `$` as `$$` again (its own escape), while the container holds the `$`;
 * compared unescaped, a shell command full of `$$((n + 1))` is not "changed". Pure.
 */
export const unescapeDollars = (s: string): string => s.replaceAll('$$', '$');

const asMap = (v: Record<string, unknown> | string[] | undefined): Record<string, string> => {
  if (!v) return {};
  if (Array.isArray(v)) return Object.fromEntries(v.map((e) => [e.split('=')[0], e.includes('=') ? unescapeDollars(e.slice(e.indexOf('=') + 1)) : '']));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x == null ? '' : unescapeDollars(String(x))]));
};

function portSet(ports: Svc['ports']): string[] {
  return (ports ?? [])
    .map((p) => {
      if (typeof p === 'string') {
        const [spec, proto = 'tcp'] = p.split('/');
        const parts = spec.split(':');
        const target = parts[parts.length - 1];
        const published = parts.length > 1 ? parts[parts.length - 2] : '';
        return `${target}/${proto}->${published}`;
      }
      return `${p.target}/${p.protocol ?? 'tcp'}->${p.published ?? ''}`;
    })
    .sort();
}

type Inspect = Awaited<ReturnType<Docker.Container['inspect']>>;

/** The reasons a container differs from its service's resolved config. Pure. */
export function compareService(svc: Svc, c: Inspect, imageIdOfRef: string | null): string[] {
  const reasons: string[] = [];
  if ((svc.image && svc.image !== c.Config.Image) || (imageIdOfRef && imageIdOfRef !== c.Image)) reasons.push('image');
  const env = new Set(c.Config.Env ?? []);
  if (Object.entries(asMap(svc.environment)).some(([k, v]) => !env.has(`${k}=${v}`))) reasons.push('env');
  const bindings = Object.entries(c.HostConfig.PortBindings ?? {}).flatMap(([k, v]) => ((v as { HostPort?: string }[] | null) ?? [{}]).map((b) => `${k}->${b.HostPort ?? ''}`)).sort();
  if (c.HostConfig.NetworkMode !== 'host' && portSet(svc.ports).join() !== bindings.join()) reasons.push('ports');
  const targets = (svc.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[1] ?? v : v.target)).sort();
  const mounts = new Set((c.Mounts ?? []).map((m) => m.Destination));
  if (targets.some((t) => !mounts.has(t))) reasons.push('volumes');
  const labels = c.Config.Labels ?? {};
  if (Object.entries(asMap(svc.labels)).some(([k, v]) => labels[k] !== v)) reasons.push('labels');
  if (svc.command !== undefined) {
    const want = (Array.isArray(svc.command) ? svc.command : svc.command.split(/\s+/).filter(Boolean)).map(unescapeDollars);
    if (want.join('\0') !== (c.Config.Cmd ?? []).join('\0')) reasons.push('command');
  }
  return reasons;
}

/**
 * Compose's config-hash decides where both sides have one: it is what `up` compares to recreate, so a
 * matching hash is "in sync" whatever a field-by-field reading says (only a newer image after a pull,
 * which the hash does not cover, still counts). A differing hash with no field named is "config". Pure.
 */
export function driftReasons(fieldReasons: string[], containerHash: string | undefined, fileHash: string | undefined, newerImage: boolean): string[] {
  if (!containerHash || !fileHash) return fieldReasons;
  if (containerHash === fileHash) return newerImage ? ['image'] : [];
  return fieldReasons.length ? fieldReasons : ['config'];
}

async function imageIdOf(docker: Docker, ref: string | undefined): Promise<string | null> {
  if (!ref) return null;
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch {
    return null;
  }
}

export async function computeDrift(ae: AppEnv, ref: StackRef): Promise<Record<string, DriftEntry>> {
  if (!ref.dir || ref.filesMissing || ref.containers.length === 0) return {};
  const base = projectArgs(ref);
  const [hashes, config] = await Promise.all([composeCapture(ae, ref.dir, [...base, 'config', '--hash=*']), composeCapture(ae, ref.dir, [...base, 'config'])]);
  if (hashes.exitCode !== 0 || config.exitCode !== 0) return {};
  const services = ((parse(config.stdout) as { services?: Record<string, Svc> } | null)?.services ?? {}) as Record<string, Svc>;
  const want = parseHashes(hashes.stdout);
  const out: Record<string, DriftEntry> = {};
  for (const [name, svc] of Object.entries(services)) {
    const cs = ref.containers.filter((c) => c.service === name);
    if (cs.length === 0) {
      out[name] = { inSync: false, reasons: ['not created'] };
      continue;
    }
    const imageId = await imageIdOf(ae.env.docker, svc.image);
    const reasons = new Set<string>();
    for (const c of cs) {
      const inspect = await ae.env.docker.getContainer(c.id).inspect().catch(() => null);
      if (!inspect) continue;
      for (const r of driftReasons(compareService(svc, inspect, imageId), c.labels[LABEL_CONFIG_HASH], want.get(name), imageId !== null && imageId !== inspect.Image)) reasons.add(r);
    }
    out[name] = { inSync: reasons.size === 0, reasons: [...reasons] };
  }
  for (const c of ref.containers) if (c.service && !(c.service in services)) out[c.service] = { inSync: false, reasons: ['orphan'] };
  return out;
}

class DriftCache {
  private readonly last = new Map<string, Record<string, DriftEntry>>();
  peek(stack: string): Record<string, DriftEntry> {
    return this.last.get(stack) ?? {};
  }
  async refresh(ae: AppEnv, ref: StackRef): Promise<Record<string, DriftEntry>> {
    const d = await computeDrift(ae, ref);
    this.last.set(ref.name, d);
    return d;
  }
  forget(stack: string) {
    this.last.delete(stack);
  }
}

export function driftCache(ae: AppEnv): DriftCache {
  return ae.env.service('stacks:drift', () => new DriftCache());
}
