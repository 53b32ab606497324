// A slot's probes, run the way each one can reach it (server/health/container-probe.ts): directly on
// its published or labelled address, or by an exec inside the slot (then inside the group's proxy) for
// URLs that name a container or service on the stack's network.
import type Docker from 'dockerode';
import type { ContainerSummary, SlotProbe } from '../contract';
import { runContainerProbe } from '../health/container-probe';
import { probesFromLabels } from '../health/probe-labels';

export function slotProbeCount(c: Pick<ContainerSummary, 'labels'>): number {
  return probesFromLabels(c.labels).length;
}

export function runSlotProbes(docker: Docker, c: ContainerSummary, proxy: ContainerSummary | null, slipwayPorts: number[], timeoutMs = 2000): Promise<SlotProbe[]> {
  return Promise.all(probesFromLabels(c.labels).map((p) => runContainerProbe(docker, p, c, { timeoutMs, slipwayPorts, alsoFrom: proxy && proxy.state === 'running' ? [proxy] : [] })));
}
