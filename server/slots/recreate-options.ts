// Container-create options for "the same container, another image": everything the container was
// created with (env, labels including compose's, mounts, network mode, healthcheck, restart policy...)
// except what it merely inherited from its old image, so the new image's own defaults apply. Pure.
import type Docker from 'dockerode';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function recreateOptions(info: Docker.ContainerInspectInfo, oldImage: Docker.ImageInspectInfo | null, image: string): Docker.ContainerCreateOptions {
  const c = info.Config;
  const ic = (oldImage?.Config ?? {}) as Partial<Docker.ContainerInspectInfo['Config']> & { Healthcheck?: unknown; StopSignal?: string };
  const imageEnv = new Set(ic.Env ?? []);
  const imageLabels = (ic.Labels ?? {}) as Record<string, string>;
  const labels = Object.fromEntries(Object.entries(c.Labels ?? {}).filter(([k, v]) => imageLabels[k] !== v));
  const ownHealth = (c as { Healthcheck?: unknown }).Healthcheck;
  const mode = info.HostConfig?.NetworkMode ?? 'default';
  const networks = Object.entries(info.NetworkSettings?.Networks ?? {});
  const userNetwork = !['host', 'none', 'bridge', 'default'].includes(mode) && !mode.startsWith('container:');
  const opts: Docker.ContainerCreateOptions = {
    Image: image,
    Env: (c.Env ?? []).filter((e) => !imageEnv.has(e)),
    Labels: labels,
    Cmd: same(c.Cmd, ic.Cmd) ? undefined : (c.Cmd as string[]),
    Entrypoint: same(c.Entrypoint, ic.Entrypoint) ? undefined : (c.Entrypoint as string[] | undefined),
    WorkingDir: c.WorkingDir && c.WorkingDir !== ic.WorkingDir ? c.WorkingDir : undefined,
    User: c.User && c.User !== ic.User ? c.User : undefined,
    Healthcheck: ownHealth && !same(ownHealth, ic.Healthcheck) ? (ownHealth as Docker.HealthConfig) : undefined,
    StopSignal: (c as { StopSignal?: string }).StopSignal && (c as { StopSignal?: string }).StopSignal !== ic.StopSignal ? (c as { StopSignal?: string }).StopSignal : undefined,
    StopTimeout: (c as { StopTimeout?: number }).StopTimeout,
    ExposedPorts: c.ExposedPorts,
    Tty: c.Tty,
    OpenStdin: c.OpenStdin,
    StdinOnce: c.StdinOnce,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: info.HostConfig as Docker.HostConfig,
  };
  if (userNetwork && networks.length) {
    const [net, ep] = networks.find(([n]) => n === mode) ?? networks[0];
    const shortId = info.Id.slice(0, 12);
    opts.NetworkingConfig = { EndpointsConfig: { [net]: { Aliases: ((ep.Aliases ?? []) as string[]).filter((a) => a !== shortId), IPAMConfig: (ep as { IPAMConfig?: Docker.EndpointSettings['IPAMConfig'] }).IPAMConfig ?? undefined } } };
  }
  return opts;
}
