// Runs one of a container's probes the way probe-way.ts says: directly on its own address, by an exec
// inside it (then inside `alsoFrom`, e.g. the slot group's proxy, when it has no curl or wget), or not
// at all when the URL is not the container's own. The verdict rules (status, JSON status word, same-host
// redirects, body cap, deadline) are runProbe's in every case.
import type Docker from 'dockerode';
import type { ContainerSummary, ProbeResult } from '../contract/core';
import type { ProbeVia } from '../contract/stats';
import { runProbe } from './probe';
import { probeWay } from './probe-way';
import { execGet } from './exec-get';
import type { ProbeSpec } from './probe-labels';

export interface ContainerProbeResult extends ProbeResult {
  via: ProbeVia;
  /** the container the probe was exec'd in (exec only) */
  from?: string;
}

type Target = Pick<ContainerSummary, 'id' | 'name' | 'ports' | 'labels' | 'networkMode'>;

export async function runContainerProbe(docker: Docker, spec: ProbeSpec, c: Target, opts: { timeoutMs: number; slipwayPorts: number[]; alsoFrom?: Target[] }): Promise<ContainerProbeResult> {
  const way = probeWay(spec.url, c, opts.slipwayPorts);
  if (way.via === 'refused')
    return { name: spec.name, url: spec.url, ok: false, statusCode: null, latencyMs: null, status: null, error: `not probed: ${way.reason}`, at: new Date().toISOString(), via: 'refused' };
  if (way.via === 'direct') return { ...(await runProbe(spec.name, spec.url, { timeoutMs: opts.timeoutMs })), via: 'direct' };
  let from = c.name;
  const places = [c, ...(opts.alsoFrom ?? [])];
  const r = await runProbe(spec.name, spec.url, {
    timeoutMs: opts.timeoutMs,
    fetch: async (url, o) => {
      let last: unknown;
      for (const p of places) {
        try {
          const a = await execGet(docker, p.id, url, o);
          from = p.name;
          return a;
        } catch (e) {
          last = e;
          // only a container without the tools (or not running) hands over to the next place
          if (!/neither curl nor wget|is not running|No such container/i.test((e as Error).message)) throw e;
        }
      }
      throw last;
    },
  });
  return { ...r, via: 'exec', from };
}
