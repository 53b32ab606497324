// A single-node swarm for tests: a second engine (the shared one runs with --live-restore, which
// swarm mode refuses), `swarm init` on 127.0.0.1, and local image tags whose default command is
// known: swarm-ok (keeps running and logs a line a second), swarm-v2 (the same image under a new
// tag), swarm-bad (exits 1 at once). No registry: services run these tags from the engine's store.
import type Docker from 'dockerode';
import { freePort } from './ports';
import { startSecondEngine, type SecondEngine } from './second-engine';

export const REPO = 'slipway/busybox';
export const OK = `${REPO}:swarm-ok`;
export const V2 = `${REPO}:swarm-v2`;
export const BAD = `${REPO}:swarm-bad`;
const LOOP = 'i=0; while true; do echo "request $i served"; i=$((i+1)); sleep 1; done';


/** An image on the engine whose default command is `cmd` (a service without args runs it). */
export async function imageWithCmd(d: Docker, tag: string, cmd: string[]) {
  const c = await d.createContainer({ Image: `${REPO}:1`, Cmd: ['true'] });
  await c.commit({ repo: REPO, tag, changes: `CMD ${JSON.stringify(cmd)}` });
  await c.remove();
}

export async function startSwarm(): Promise<SecondEngine> {
  const engine = await startSecondEngine({ images: [`${REPO}:1`] });
  try {
    await imageWithCmd(engine.docker, 'swarm-ok', ['sh', '-c', LOOP]);
    await engine.docker.getImage(OK).tag({ repo: REPO, tag: 'swarm-v2' });
    await imageWithCmd(engine.docker, 'swarm-bad', ['sh', '-c', 'echo "config missing: cannot start" >&2; exit 1']);
    await engine.docker.swarmInit({ ListenAddr: `127.0.0.1:${await freePort()}`, AdvertiseAddr: '127.0.0.1' });
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  return engine;
}

/** A replicated host-network service running `image`'s own command; stops within a second. */
export async function createService(d: Docker, name: string, replicas: number, image = OK): Promise<string> {
  const s = await d.createService({
    Name: name,
    TaskTemplate: {
      ContainerSpec: { Image: image, StopGracePeriod: 1e9 },
      Networks: [{ Target: 'host' }],
      RestartPolicy: { Condition: 'any', Delay: 1e9 },
    },
    Mode: { Replicated: { Replicas: replicas } },
  } as never);
  return (s as unknown as { id: string }).id;
}

/** A compose file for `docker stack deploy`: a replicated api and a global agent, host network. */
export const STACK_FILE = `
version: "3.8"
services:
  api:
    image: ${OK}
    stop_grace_period: 1s
    networks: [hostnet]
  agent:
    image: ${OK}
    stop_grace_period: 1s
    deploy:
      mode: global
    networks: [hostnet]
networks:
  hostnet:
    external: true
    name: host
`;
