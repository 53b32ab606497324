// Start-up recovery of switches cut short by a crash (SIGKILL, power loss, OOM): a switch still
// `running` in the history has no process behind it any more. Its row becomes `interrupted` at once;
// then, if it had already overwritten the upstream file, the PREVIOUS file is put back, checked with
// `nginx -t`, reloaded and verified through the proxy URL. Why undo rather than confirm: the new slot
// never passed this switch's verification, and every other failure of the procedure leaves traffic on
// the slot it came from; the operator repeats the switch if still wanted. Without a previous file
// (there was none) the new one is confirmed instead (tested and reloaded), so file and served slot agree.
import type { AppEnv } from '../app';
import { slotFromHeader, type SlotName } from '../contract';
import { recordAudit } from '../audit/audit-log';
import { notifier } from '../notifications/notifier';
import { readContainerFile, writeContainerFile } from './container-files';
import { execCollect, SHORT_EXEC } from '../docker/exec';
import { httpGet } from './http-probe';
import { proxySettings, slotOfUpstream } from './members';
import { noteInterrupted, takeInterrupted, type SwitchJournal } from './history';
import { groupLocks } from './lock';
import { environments } from '../environments/registry';
import { freshMembers } from './state';
import { activeAddress } from './proxy-file';
import { readFlag, setFlag } from './flag-file';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Called once at start-up before the server listens. Marks the rows at once and holds each affected
 * group's lock (synchronously, so no new switch can start there) until its proxy is put right.
 */
export function recoverSwitches(ae: AppEnv): Promise<void> {
  const interrupted = takeInterrupted(ae.app.db);
  if (interrupted.length === 0) return Promise.resolve();
  console.log(`[slipway] slots: ${interrupted.length} switch(es) interrupted by the last stop; putting the proxy right`);
  // each switch is undone on the engine it ran on, under that environment's group lock
  const registry = environments(ae);
  const envOf = (env: string | null) => (env === null ? ae : registry.has(env) ? registry.appEnv(env) : null);
  for (const { record, env } of interrupted) {
    const e = envOf(env);
    if (e) groupLocks(e).set(record.group, 'switch');
  }
  return Promise.all(interrupted.map(async ({ record, journal, env }) => {
    let outcome: string;
    const envCtx = envOf(env);
    try {
      if (!envCtx) throw new Error(`environment ${env} is no longer configured`);
      outcome = await undo(envCtx, record.group, journal);
    } catch (e) {
      outcome = `could not put the proxy right: ${(e as Error).message}`;
    } finally {
      if (envCtx) groupLocks(envCtx).delete(record.group);
    }
    noteInterrupted(ae.app.db, record.id, outcome);
    console.log(`[slipway] slots: switch #${record.id} of ${record.group} to ${record.to}: ${outcome}`);
    recordAudit(ae.app.db, { username: record.username, action: 'slots.switch.recover', target: record.group, result: outcome.startsWith('could not') ? 'failed' : 'ok', detail: { id: record.id, to: record.to, step: journal.step, outcome } });
    notifier(ae).notify('slot.switched', `Switch of ${record.group} to ${record.to} interrupted`, `${record.username}'s switch of ${record.group} to ${record.to} was cut short by a server stop (${journal.step ?? 'start'} step): ${outcome}.`, 'critical', { group: record.group, to: record.to, result: 'interrupted' });
  })).then(() => undefined);
}

async function undo(ae: AppEnv, group: string, journal: SwitchJournal): Promise<string> {
  if (!journal.prev) return 'the upstream file had not been touched yet; nothing to undo';
  const m = await freshMembers(ae.env.docker, group);
  const proxy = m?.proxy;
  if (!m || !proxy) throw new Error(`group ${group} has no proxy container any more`);
  const s = proxySettings(proxy);
  if (!s.config) throw new Error(`proxy ${proxy.name}: ${s.problems.join('; ')}`);
  if (proxy.state !== 'running') throw new Error(`proxy ${proxy.name} is ${proxy.state}`);
  const current = await readContainerFile(ae.env.docker, proxy.id, s.config);
  const restoring = journal.prev.content !== null;
  if (restoring && current !== journal.prev.content) await writeContainerFile(ae.env.docker, proxy.id, s.config, journal.prev.content!);
  const fileNow = restoring ? journal.prev.content : current;
  // live mode: the flag routes traffic, so it goes back to what it was too
  const flag = journal.prev.flag;
  if (flag) {
    const now = await readFlag(ae.env.docker, proxy.id, flag.path);
    await setFlag(ae.env.docker, proxy.id, flag.path, flag.slot, now.slot, group, flag.content);
  }
  // Reloaded even when the file is already the previous one: the crash may have come after a reload
  // of the new file, or after a restore that was written but not yet reloaded.
  const t = await execCollect(ae.env.docker, proxy.id, ['nginx', '-t'], SHORT_EXEC);
  if (t.code !== 0) throw new Error(`nginx -t rejected ${s.config}: ${t.output}`);
  const r = await execCollect(ae.env.docker, proxy.id, ['nginx', '-s', 'reload'], SHORT_EXEC);
  if (r.code !== 0) throw new Error(`nginx -s reload failed: ${r.output}`);
  const want = flag ? flag.slot : slotOfUpstream(m, activeAddress(s, fileNow, group));
  const verdict = want && s.url ? await verify(s.url, s.header, want) : 'not verified (no slot named by the file, or no slipway.proxy.url)';
  return `${restoring ? 'restored the previous upstream file' : 'no previous file to restore; confirmed the new one'}${flag ? ' and flag' : ''} (${want ?? 'unknown slot'}), reloaded nginx; ${verdict}`;
}

/** Three answers in a row carrying the expected slot header, within 10 s. */
async function verify(url: string, header: string, want: SlotName): Promise<string> {
  const deadline = Date.now() + 10_000;
  let streak = 0;
  let last = '';
  while (Date.now() < deadline) {
    const a = await httpGet(url, 2000);
    const h = slotFromHeader(a.headers[header.toLowerCase()]);
    last = `${a.status ?? a.error} ${header}=${h ?? 'no slot'}`;
    streak = h === want && a.status !== null && a.status < 500 ? streak + 1 : 0;
    if (streak >= 3) return `the proxy serves ${want}`;
    await sleep(50);
  }
  throw new Error(`the proxy did not serve ${want} within 10 s after the restore (last answer: ${last})`);
}

