// The switch procedure, server-side and in one place: lock, health gate, write the upstream file
// (keeping the old content), `nginx -t`, then either `nginx -s reload` (reload mode) or flip the flag
// file nginx checks per request (live mode: no reload, client connections untouched), verify through
// the proxy URL, restore on any failure, record. The old slot keeps running, so a rollback is the same
// switch back.
import type { AppEnv } from '../app';
import { slotFromHeader, type SlotName, type SwitchResult, type VerifySample } from '../contract';
import { HttpError, isHttpError } from '../http/errors';
import { recordAudit } from '../audit/audit-log';
import { toSummary } from '../docker/container-model';
import { readContainerFile, writeContainerFile } from './container-files';
import { execCollect, SHORT_EXEC } from '../docker/exec';
import { acceptingWorkers, awaitOldWorkersRetired } from './nginx-workers';
import { readFlag, setFlag } from './flag-file';
import { httpGet } from './http-probe';
import { runSlotProbes, slotProbeCount } from './slot-probes';
import { slipwayPorts } from '../health/health-monitor';
import { L, proxySettings, slotOfUpstream, slotUpstream } from './members';
import { bothSlotUpstreams, keptSlotUpstreams } from './slot-upstreams';
import { Progress } from './progress';
import { freshMembers, modelMembers } from './state';
import { slotUpstreamsChanged } from './upstream-file';
import { activeAddress, nextContent } from './proxy-file';
import { withGroupLock } from './lock';
import { beginSwitch, finishSwitch, journalSwitch, type SwitchJournal } from './history';
import { recordSlotSwitch } from '../metrics';
import { notifier } from '../notifications/notifier';
import { recordSlotEvent } from '../events/slot-events';

export const SWITCH_TUNING = {
  /** consecutive passing probe rounds the target needs before it gets traffic */
  gateRounds: 3,
  gateIntervalMs: 20,
  /** consecutive answers through the proxy carrying the target's slot header */
  verifyCount: 3,
  verifyIntervalMs: 10,
  verifyDeadlineMs: 10_000,
};

export function switchSlot(ae: AppEnv, group: string, to: SlotName, username: string): Promise<SwitchResult> {
  return withGroupLock(ae, group, 'switch', () => switchLocked(ae, group, to, username));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The procedure itself; the caller holds the group's lock. */
export async function switchLocked(ae: AppEnv, group: string, to: SlotName, username: string): Promise<SwitchResult> {
  const t0 = performance.now();
  // Membership from the live model (kept current by Docker events); from the engine when the model
  // lacks a piece (e.g. a container recreated a moment ago). The target itself is inspected fresh.
  let m = modelMembers(ae).get(group);
  if (!m || !m.proxy || !m.slots[to]) m = (await freshMembers(ae.env.docker, group)) ?? m;
  if (!m) throw new HttpError(404, `no slot group ${group}`);
  const members = m;
  const progress = new Progress(ae, group, 'switch');
  const samples: VerifySample[] = [];
  let from: SlotName | null = null;
  // `running` in the history from here on, with a journal a restarted server can undo (recover.ts)
  const recordId = beginSwitch(ae.app.db, { group, username, to }, ae.env.name);
  let prev: SwitchJournal['prev'];
  progress.onStep = (step) => journalSwitch(ae.app.db, recordId, { step, prev }, from, progress.steps);
  let result: 'ok' | 'failed' | 'refused' = 'ok';
  let error: string | null = null;
  // The current file is read while the gate runs (it is needed to restore, and names `from`).
  const settings0 = members.proxy ? proxySettings(members.proxy) : null;
  const oldRead: Promise<string | null> =
    members.proxy && settings0?.config ? readContainerFile(ae.env.docker, members.proxy.id, settings0.config) : Promise.resolve(null);
  oldRead.then((c) => (from = settings0 ? slotOfUpstream(members, activeAddress(settings0, c, group)) : null), () => undefined);
  const flag = settings0?.mode === 'live' ? settings0.flag : null;
  const flagRead = members.proxy && flag ? readFlag(ae.env.docker, members.proxy.id, flag) : Promise.resolve(null);
  flagRead.catch(() => undefined);
  try {
    // ---- gate: refuse before touching anything
    const { proxy, upstream, settings, liveSlots, next } = await progress.step('gate', async () => {
      const proxy = members.proxy;
      if (!proxy) throw new HttpError(409, `group ${group} has no proxy container`);
      if (members.ambiguous.length) throw new HttpError(409, `group ${group} has more than one ${members.ambiguous.join(' and ')} container: refusing to guess which one gets traffic`);
      const settings = settings0!;
      if (!settings.config) throw new HttpError(409, `proxy ${proxy.name}: ${settings.problems.join('; ')}`);
      if (!settings.url) throw new HttpError(409, `proxy ${proxy.name} has no slipway.proxy.url: a switch could not be verified`);
      if (!settings.mode) throw new HttpError(409, `proxy ${proxy.name}: ${L.proxySwitch} must be reload or live`);
      if (proxy.state !== 'running') throw new HttpError(409, `proxy ${proxy.name} is ${proxy.state}`);
      const live = settings.mode === 'live' ? bothSlotUpstreams(members) : null;
      if (live && !live.slots) throw new HttpError(409, `live switching writes an upstream for both slots: ${live.error}`);
      const c = members.slots[to];
      if (!c) throw new HttpError(409, `group ${group} has no ${to} slot`);
      const { upstream, error: upErr } = slotUpstream(c);
      if (!upstream) throw new HttpError(409, `${to} slot ${c.name}: ${upErr}`);
      const target = toSummary(await ae.env.docker.getContainer(c.id).inspect());
      if (target.state !== 'running') throw new HttpError(409, `${to} slot ${target.name} is ${target.state}, not running`);
      if (target.health !== 'none' && target.health !== 'healthy') throw new HttpError(409, `${to} slot ${target.name} is ${target.health} (Docker health)`);
      const probes = slotProbeCount(target);
      for (let round = 1; round <= SWITCH_TUNING.gateRounds && probes; round++) {
        const results = await runSlotProbes(ae.env.docker, target, proxy, slipwayPorts(ae));
        const bad = results.find((r) => !r.ok);
        if (bad) throw new HttpError(409, `${to} slot ${target.name}: probe ${bad.name} (${bad.url}) failed on round ${round}: ${bad.error ?? bad.status}`);
        if (round < SWITCH_TUNING.gateRounds) await sleep(SWITCH_TUNING.gateIntervalMs);
      }
      // the next file content, computed before anything is touched (adopt mode refuses an unreadable block here)
      const old = await oldRead;
      const liveSlots = live?.slots ?? null;
      const next = nextContent(settings, members, old, to, upstream, (liveSlots ?? keptSlotUpstreams(members, old)) ?? undefined);
      return { proxy, target, upstream, settings, liveSlots, next };
    }, (g) => `${g.target.name} running, health ${g.target.health}, ${slotProbeCount(g.target)} probe(s) × ${SWITCH_TUNING.gateRounds} rounds passed${g.settings.upstreamBlock ? `; adopting upstream ${g.settings.upstreamBlock} of ${g.settings.config}` : ''}`);

    // ---- write the new upstream file, keeping the old content
    const file = settings.config!;
    let reloaded = false;
    let flagBefore: { slot: SlotName; content: string | null } | null = null;
    let flagChanged = false;
    const { oldContent, needsReload } = await progress.step('write', async () => {
      const old = await oldRead;
      from = slotOfUpstream(members, activeAddress(settings, old, group));
      // journalled before the file (and, live, the flag) changes: a crash from here on is undone at start-up
      const flagNow = flag ? await flagRead.catch(() => null) : null;
      prev = { content: old, ...(flag && flagNow ? { flag: { path: flag, ...flagNow } } : {}) };
      journalSwitch(ae.app.db, recordId, { step: 'write', prev }, from, progress.steps);
      // in place (same inode): a single-file bind mount cannot be replaced
      await writeContainerFile(ae.env.docker, proxy.id, file, next);
      // live mode reloads only when nginx does not know the slots' addresses yet (first switch, changed labels)
      return { oldContent: old, needsReload: !liveSlots || slotUpstreamsChanged(old, group, liveSlots) };
    }, () => `${file}: ${from ?? 'unknown'} → ${to} (${upstream})`);
    const restore = async (why: string) => {
      await progress.step('restore', async () => {
        // the flag first: it routes at once
        if (flagChanged && flag && flagBefore) await setFlag(ae.env.docker, proxy.id, flag, flagBefore.slot, to, group, flagBefore.content);
        if (oldContent !== null) await writeContainerFile(ae.env.docker, proxy.id, file, oldContent);
        if (!reloaded) return; // nginx never loaded the new file
        const t = await execCollect(ae.env.docker, proxy.id, ['nginx', '-t'], SHORT_EXEC);
        if (t.code !== 0) return;
        const before = await acceptingWorkers(ae.env.docker, proxy.id);
        await execCollect(ae.env.docker, proxy.id, ['nginx', '-s', 'reload'], SHORT_EXEC);
        await awaitOldWorkersRetired(ae.env.docker, proxy.id, before);
      }, () => `previous ${file}${flagChanged ? ' and flag' : ''} put back after: ${why}`);
    };

    // ---- nginx -t
    await progress.step('test', async () => {
      const t = await execCollect(ae.env.docker, proxy.id, ['nginx', '-t'], SHORT_EXEC);
      if (t.code !== 0) {
        await restore('nginx -t failed').catch(() => undefined);
        throw new HttpError(409, `nginx -t rejected the new configuration: ${t.output}`, { nginx: t.output });
      }
    });

    // ---- reload (reload mode; live mode only when the slots' addresses are new to nginx)
    if (needsReload)
      await progress.step('reload', async () => {
        reloaded = true;
        const before = await acceptingWorkers(ae.env.docker, proxy.id);
        const r = await execCollect(ae.env.docker, proxy.id, ['nginx', '-s', 'reload'], SHORT_EXEC);
        if (r.code !== 0) {
          await restore('nginx -s reload failed').catch(() => undefined);
          throw new HttpError(502, `nginx -s reload failed: ${r.output}`, { nginx: r.output });
        }
        return awaitOldWorkersRetired(ae.env.docker, proxy.id, before);
      }, (retired) => [liveSlots ? 'the slot upstreams were new to nginx: reloaded once' : null, retired].filter(Boolean).join('; ') || undefined);

    // ---- flag (live mode): nginx routes the next request by it, no reload
    if (liveSlots && flag)
      await progress.step('flag', async () => {
        try {
          flagBefore = await flagRead;
          if (!flagBefore) throw new Error(`cannot read ${flag}`);
          const r = await setFlag(ae.env.docker, proxy.id, flag, to, flagBefore.slot, group);
          flagChanged = r !== 'unchanged';
          return r;
        } catch (e) {
          flagChanged = true; // unknown state: put it back as it was
          await restore(`flag not set: ${(e as Error).message}`).catch(() => undefined);
          throw new HttpError(502, `could not set ${flag}: ${(e as Error).message}; switched back`);
        }
      }, (r) => `${flag} ${r}: nginx routes to ${to} from the next request, no reload`);

    // ---- verify: several consecutive answers from the target, within a deadline
    await progress.step('verify', async () => {
      const start = performance.now();
      let streak = 0;
      while (streak < SWITCH_TUNING.verifyCount) {
        const a = await httpGet(settings.url!, 2000);
        const slot = slotFromHeader(a.headers[settings.header.toLowerCase()]);
        const s: VerifySample = { ms: Math.round(performance.now() - start), status: a.status, slot };
        if (a.error) s.error = a.error;
        samples.push(s);
        streak = slot === to && a.status !== null && a.status < 500 ? streak + 1 : 0;
        if (streak >= SWITCH_TUNING.verifyCount) break;
        if (performance.now() - start > SWITCH_TUNING.verifyDeadlineMs) {
          const last = samples[samples.length - 1];
          await restore('verification failed').catch(() => undefined);
          const hint = liveSlots ? ` (live mode: does the nginx config route by ${flag}?)` : '';
          throw new HttpError(502, `the proxy did not serve ${to} within ${SWITCH_TUNING.verifyDeadlineMs} ms (last answer: ${last.status ?? last.error} ${settings.header}=${last.slot ?? 'none'})${hint}; switched back`, { samples });
        }
        await sleep(SWITCH_TUNING.verifyIntervalMs);
      }
    }, () => `${SWITCH_TUNING.verifyCount} consecutive answers with ${settings.header}: ${to} after ${samples.length} request(s)`);
    return { group, from, to, durationMs: Math.round(performance.now() - t0), steps: progress.steps, samples };
  } catch (e) {
    await oldRead.catch(() => undefined);
    result = isHttpError(e) && e.status === 409 && !progress.steps.some((s) => s.step === 'write') ? 'refused' : 'failed';
    error = (e as Error).message;
    throw e;
  } finally {
    const durationMs = Math.round(performance.now() - t0);
    finishSwitch(ae.app.db, recordId, { group, username, kind: 'switch', from, to, image: null, result, durationMs, error, steps: progress.steps, samples });
    recordSlotSwitch(ae, result, durationMs / 1000); // metrics
    if (result !== 'refused')
      notifier(ae).notify('slot.switched', result === 'ok' ? `Switched ${group} to ${to}` : `Switch of ${group} to ${to} failed`,
        result === 'ok' ? `${username} switched ${group} from ${from ?? '?'} to ${to} in ${durationMs} ms.` : `${username} tried to switch ${group} to ${to}; traffic stays on ${from ?? '?'}: ${error ?? 'unknown error'}`,
        result === 'ok' ? 'info' : 'critical', { group, from, to, result });
    if (result !== 'refused') recordSlotEvent(ae, 'slot.switched', result === 'ok', result === 'ok' ? `${username} switched ${group} from ${from ?? '?'} to ${to}` : `switch of ${group} to ${to} failed`, { group, from, to, result, durationMs, by: username });
    recordAudit(ae.app.db, { username, action: 'slots.switch', target: group, result: result === 'ok' ? 'ok' : 'failed', detail: { from, to, durationMs, result, error } });
    progress.done(result === 'ok', error ?? undefined);
  }
}
