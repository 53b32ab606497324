// Talking to an environment's engine as a swarm manager: its status, its nodes, and the one mapping
// of "this node is not a swarm manager" (Docker's 503) to a 409 that says what to do.
import type Docker from 'dockerode';
import type { SwarmStatus } from '../contract';
import { HttpError } from '../http/errors';
import { toNode, type RawNode } from './model';

interface RawSwarmInfo {
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  NodeID?: string;
  Error?: string;
  Cluster?: { ID?: string };
}

export const NOT_MANAGER = 'this environment is not a swarm manager';

function notManagerMessage(s: RawSwarmInfo): string | null {
  const state = s.LocalNodeState || 'inactive';
  if (state === 'active' && s.ControlAvailable) return null;
  if (state === 'inactive') return `${NOT_MANAGER}: its engine is not part of a swarm (docker swarm init on it, or choose a manager's environment)`;
  if (state === 'active') return `${NOT_MANAGER}: its engine is a swarm worker; connect Slipway to a manager node`;
  if (state === 'locked') return `${NOT_MANAGER}: the swarm is locked (docker swarm unlock)`;
  return `${NOT_MANAGER}: swarm state is ${state}${s.Error ? ` (${s.Error})` : ''}`;
}

export async function swarmStatus(docker: Docker): Promise<SwarmStatus> {
  const info = (await docker.info()) as { Swarm?: RawSwarmInfo };
  const s = info.Swarm ?? {};
  const message = notManagerMessage(s);
  const base = { nodeState: s.LocalNodeState || 'inactive', isManager: Boolean(s.ControlAvailable), nodeId: s.NodeID || null, clusterId: s.Cluster?.ID || null };
  if (message) return { swarm: false, message, nodes: [], ...base };
  const nodes = ((await swarmCall(() => docker.listNodes())) as RawNode[]).map((n) => toNode(n, base.nodeId));
  nodes.sort((a, b) => Number(b.leader) - Number(a.leader) || a.role.localeCompare(b.role) || a.hostname.localeCompare(b.hostname));
  return { swarm: true, message: null, nodes, ...base };
}

/** Node ID → hostname, for tasks; kept a few seconds so a progress loop does not list nodes twice a second. */
const nodeNameCache = new WeakMap<Docker, { at: number; names: Map<string, string> }>();
export async function nodeNames(docker: Docker, maxAgeMs = 10_000): Promise<Map<string, string>> {
  const hit = nodeNameCache.get(docker);
  if (hit && Date.now() - hit.at < maxAgeMs) return hit.names;
  const nodes = (await swarmCall(() => docker.listNodes())) as RawNode[];
  const names = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID.slice(0, 12)]));
  nodeNameCache.set(docker, { at: Date.now(), names });
  return names;
}

function isNotManagerError(e: unknown): boolean {
  const err = e as { statusCode?: number; json?: { message?: string }; message?: string };
  const msg = err?.json?.message ?? err?.message ?? '';
  return err?.statusCode === 503 && /swarm/i.test(msg);
}

/** Runs a swarm call; Docker's "not a swarm manager" (503) becomes 409 with what to do about it. */
export async function swarmCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isNotManagerError(e)) {
      const msg = (e as { json?: { message?: string } }).json?.message ?? '';
      throw new HttpError(409, /worker/i.test(msg) ? `${NOT_MANAGER}: its engine is a swarm worker; connect Slipway to a manager node` : `${NOT_MANAGER}: its engine is not part of a swarm (docker swarm init on it, or choose a manager's environment)`);
    }
    throw e;
  }
}
