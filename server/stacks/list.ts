// The stacks list: compose projects grouped from the watcher's memory (never waiting on the engine), plus
// Slipway's own folders with no containers (listed as not deployed), each with its files and last drift.
import { groupStacks } from '../docker/group-stacks';
import type { AppEnv } from '../app';
import type { StackDetail, StackListItem, StackSummary } from '../contract';
import { detectCompose } from '../compose/cli';
import { stackFiles } from './confine';
import { driftCache } from './drift';
import { operations } from './operations';
import type { LabelledFiles } from './compose-labels';
import { knownStacks, rememberStack } from './known-stacks';
import { resolveStack } from './resolve';
import { buildStackRef, engineSharesFiles, ownStackNames } from './stack-ref';
import { stacksDir } from './stacks-dir';
import { cliInfo } from './cli-info';

function itemOf(ae: AppEnv, root: string, s: StackSummary, known: Map<string, LabelledFiles>): StackListItem {
  const ref = s.standalone ? null : buildStackRef(root, s.name, ae.env.watcher.list(), known.get(s.name), engineSharesFiles(ae.env.url));
  if (ref?.labelled && ref.containers.length) rememberStack(ae, s.name, ref.labelled);
  return {
    ...s,
    deployed: s.services.some((svc) => svc.containers.length > 0),
    managed: ref?.managed ?? false,
    dir: ref?.dir ?? null,
    files: ref ? stackFiles(ref).map((f) => f.display) : [],
    filesMissing: ref?.filesMissing ?? false,
    filesElsewhere: ref?.filesElsewhere ?? false,
    drift: ref ? driftCache(ae).peek(s.name) : {},
  };
}

function emptySummary(name: string): StackSummary {
  return { name, standalone: false, state: 'stopped', health: 'none', services: [] };
}

export function listStacks(ae: AppEnv): StackListItem[] {
  const root = stacksDir(ae.app);
  const grouped = groupStacks(ae.env.watcher.list());
  const names = new Set(grouped.map((s) => s.name));
  const known = knownStacks(ae);
  const items = grouped.map((s) => itemOf(ae, root, s, known));
  for (const name of new Set([...ownStackNames(root), ...known.keys()])) if (!names.has(name)) items.push(itemOf(ae, root, emptySummary(name), known));
  return items.sort((a, b) => Number(a.standalone) - Number(b.standalone) || a.name.localeCompare(b.name));
}

export async function stackDetail(ae: AppEnv, name: string): Promise<StackDetail> {
  const root = stacksDir(ae.app);
  const ref = resolveStack(ae, name);
  const summary = groupStacks(ae.env.watcher.list()).find((s) => s.name === name && !s.standalone) ?? emptySummary(name);
  const drift = await driftCache(ae).refresh(ae, ref).catch(() => ({}));
  const item = itemOf(ae, root, summary, knownStacks(ae));
  return { ...item, drift, cli: cliInfo(await detectCompose()), running: operations(ae).runningFor(name) };
}
