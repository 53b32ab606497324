// The live state of slot groups: members from the container model (or fresh from the engine for a
// switch), the active slot from the upstream file inside the proxy, confirmed through the proxy URL.
import type Docker from 'dockerode';
import type { AppEnv } from '../app';
import type { ContainerSummary, ProxyInfo, SlotGroup, SlotInfo, SlotName } from '../contract';
import { SLOT_NAMES, slotFromHeader } from '../contract';
import { toSummary } from '../docker/container-model';
import { readContainerFile } from './container-files';
import { httpGet } from './http-probe';
import { runSlotProbes } from './slot-probes';
import { slipwayPorts } from '../health/health-monitor';
import { groupMembers, L, proxySettings, slotOfUpstream, slotUpstream, type GroupMembers } from './members';
import { parseSlotUpstreams } from './upstream-file';
import { activeAddress, adoptProblem } from './proxy-file';
import { readFlag } from './flag-file';
import { groupLocks } from './lock';

/** Members of one group, inspected now (not from the model): a switch acts on the engine's truth. */
export async function freshMembers(docker: Docker, group: string): Promise<GroupMembers | null> {
  const [slots, proxies] = await Promise.all([
    docker.listContainers({ all: true, filters: { label: [`${L.group}=${group}`] } }),
    docker.listContainers({ all: true, filters: { label: [`${L.proxyGroup}=${group}`] } }),
  ]);
  const ids = [...new Set([...slots, ...proxies].map((c) => c.Id))];
  const summaries = (await Promise.all(ids.map((id) => docker.getContainer(id).inspect().then(toSummary, () => null)))).filter((c): c is ContainerSummary => c !== null);
  return groupMembers(summaries).get(group) ?? null;
}

export function modelMembers(ae: AppEnv): Map<string, GroupMembers> {
  return groupMembers(ae.env.watcher.list());
}

/** Reads the upstream file and asks the proxy URL which slot serves. */
export async function proxyState(docker: Docker, m: GroupMembers): Promise<ProxyInfo | null> {
  const c = m.proxy;
  if (!c) return null;
  const s = proxySettings(c);
  const info: ProxyInfo = {
    containerId: c.id, name: c.name, state: c.state, config: s.config ?? '', url: s.url, header: s.header, mode: s.mode, upstreamBlock: s.upstreamBlock, flag: s.flag, flagSlot: null, fileSlots: {},
    fileUpstream: null, fileSlot: null, servedSlot: null, servedError: null, agrees: false, error: s.problems.join('; ') || null,
  };
  const [file, served, flag] = await Promise.all([
    s.config ? readContainerFile(docker, c.id, s.config).catch((e: Error) => e) : Promise.resolve(null),
    s.url && c.state === 'running' ? httpGet(s.url, 2000) : Promise.resolve(null),
    s.flag ? readFlag(docker, c.id, s.flag).catch(() => null) : Promise.resolve(null),
  ]);
  info.flagSlot = flag?.slot ?? null;
  if (file instanceof Error) info.error = `cannot read ${s.config}: ${file.message}`;
  else if (file === null && s.config) info.error = `${s.config} does not exist in the proxy container`;
  else {
    info.fileUpstream = activeAddress(s, file, m.group);
    const adopt = adoptProblem(s, file);
    if (adopt) info.error = adopt;
    info.fileSlot = slotOfUpstream(m, info.fileUpstream);
    info.fileSlots = parseSlotUpstreams(file, m.group);
  }
  if (served) {
    const raw = served.headers[s.header.toLowerCase()];
    info.servedSlot = slotFromHeader(raw);
    info.servedError = served.error ?? (served.status !== null && served.status >= 400 ? `HTTP ${served.status}` : info.servedSlot ? null : raw === undefined ? `no ${s.header} header in the answer` : `the ${s.header} header names neither blue nor green`);
  } else if (!s.url) info.servedError = 'no slipway.proxy.url to verify through';
  else info.servedError = `proxy is ${c.state}`;
  info.agrees = info.fileSlot !== null && info.servedSlot === info.fileSlot;
  return info;
}

/** Live mode: the flag should name the slot the file records, and the file should know both slots. */
function liveProblems(m: GroupMembers, info: ProxyInfo): string[] {
  const out: string[] = [];
  if (info.mode !== 'live' || !info.fileUpstream) return out;
  const fileSlots = info.fileSlots;
  if (info.fileSlot && info.flagSlot && info.flagSlot !== info.fileSlot) out.push(`the upstream file names ${info.fileSlot} but the flag ${info.flag} routes to ${info.flagSlot}`);
  for (const s of SLOT_NAMES) {
    const want = m.slots[s] ? slotUpstream(m.slots[s]!).upstream : null;
    if (!fileSlots[s]) out.push(`the upstream file has no ${m.group}_${s} block yet: the next switch writes it and reloads nginx once`);
    else if (want && fileSlots[s] !== want) out.push(`the upstream file sends ${s} to ${fileSlots[s]} but its label says ${want}: the next switch rewrites it and reloads nginx once`);
  }
  return out;
}

export async function slotInfo(ae: AppEnv, c: ContainerSummary, slot: SlotName, proxy: ContainerSummary | null): Promise<SlotInfo> {
  const up = slotUpstream(c);
  return {
    slot, containerId: c.id, name: c.name, image: c.image, state: c.state, health: c.health, startedAt: c.state === 'running' ? c.startedAt : null,
    upstream: up.upstream, upstreamError: up.error,
    composeService: c.labels['com.docker.compose.project.config_files'] ? c.service : null,
    probes: c.state === 'running' ? await runSlotProbes(ae.env.docker, c, proxy, slipwayPorts(ae), 1500) : [],
  };
}

export async function describeGroup(ae: AppEnv, m: GroupMembers): Promise<SlotGroup> {
  const [proxy, ...slots] = await Promise.all([proxyState(ae.env.docker, m), ...SLOT_NAMES.map((s) => (m.slots[s] ? slotInfo(ae, m.slots[s]!, s, m.proxy) : Promise.resolve(null)))]);
  const problems = [...m.problems];
  if (proxy?.error) problems.push(proxy.error);
  if (proxy) problems.push(...liveProblems(m, proxy));
  if (proxy && proxy.fileSlot && proxy.servedSlot && !proxy.agrees) problems.push(`the upstream file names ${proxy.fileSlot} but the proxy serves ${proxy.servedSlot}`);
  if (proxy && proxy.fileUpstream && !proxy.fileSlot) problems.push(`the upstream file points at ${proxy.fileUpstream}, which is neither slot`);
  const out: SlotGroup = { group: m.group, active: proxy?.fileSlot ?? null, slots: {}, proxy, problems, busy: groupLocks(ae).get(m.group) ?? null };
  SLOT_NAMES.forEach((s, i) => {
    if (slots[i]) out.slots[s] = slots[i]!;
  });
  return out;
}

export async function listSlotGroups(ae: AppEnv): Promise<SlotGroup[]> {
  const groups = [...modelMembers(ae).values()].sort((a, b) => a.group.localeCompare(b.group));
  return Promise.all(groups.map((m) => describeGroup(ae, m)));
}
