// The raw inspect document as a role may see it: below `secrets:read`, every environment value and every
// label value whose key looks secret (SECRET_LABEL_RE) is replaced by a mask. Names stay, so the reader
// still sees what is set. Pure; returns a copy.
import type Docker from 'dockerode';
import { MASK, SECRET_LABEL_RE } from '../contract/container-ops';

export function maskEnv(env: string[] | null | undefined): string[] | null | undefined {
  return env?.map((e) => {
    const eq = e.indexOf('=');
    return eq < 0 ? e : `${e.slice(0, eq)}=${MASK}`;
  });
}

export function maskLabels(labels: Record<string, string> | null | undefined): Record<string, string> | null | undefined {
  if (!labels) return labels;
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, SECRET_LABEL_RE.test(k) ? MASK : v]));
}

export function maskedInspect(info: Docker.ContainerInspectInfo, showSecrets: boolean): Docker.ContainerInspectInfo {
  if (showSecrets) return info;
  const copy = structuredClone(info);
  if (copy.Config) {
    copy.Config.Env = maskEnv(copy.Config.Env) as string[];
    copy.Config.Labels = maskLabels(copy.Config.Labels) as Record<string, string>;
  }
  return copy;
}
