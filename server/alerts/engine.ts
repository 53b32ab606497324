// The alert engine of one environment: evaluates state rules on every container change of its watcher
// (and every 15 s, for "unhealthy longer than N minutes"), event rules on every timeline event of its
// environment (server/events/bus.ts), log-pattern rules from their counters (log-patterns.ts); opens,
// repeats and resolves alerts (grouping.ts) and sends through the one notifier, honouring quiet hours.
import type { AppEnv } from '../app';
import { ALERT_CHANGED, type Alert, type AlertRule, type TimelineEvent } from '../contract';
import { subscribeEvents } from '../events/bus';
import { serviceRollup } from '../health/rollup';
import { notifier } from '../notifications/notifier';
import { findOpenAlert, markSent, openAlert, openAlertsOf, repeatAlert, resolveAlert } from './alerts-store';
import { eventEffect, servicesInScope, stateCondition, STATE_KINDS, type Firing } from './conditions';
import { decide } from './grouping';
import { mayDeliver } from './quiet-hours';
import { getQuietHours, listRules } from './rules-store';
import { LogPatterns } from './log-patterns';

const TICK_MS = 15_000;

export class AlertEngine {
  /** service key → when it was first seen unhealthy in a row (epoch ms) */
  private unhealthySince = new Map<string, number>();
  private pending: NodeJS.Timeout | null = null;
  private stops: (() => void)[] = [];
  private logs: LogPatterns;

  constructor(private ae: AppEnv) {
    this.logs = new LogPatterns(ae);
  }

  start() {
    const onChanged = () => this.scheduleStateEvaluation();
    this.ae.env.watcher.on('changed', onChanged);
    this.stops.push(() => this.ae.env.watcher.off('changed', onChanged));
    this.stops.push(subscribeEvents((e) => e.env === this.ae.env.name && this.onTimelineEvent(e)));
    const tick = setInterval(() => this.evaluateState(), TICK_MS);
    tick.unref();
    this.stops.push(() => clearInterval(tick));
    // log-pattern rates move by themselves: evaluated every 5 s
    const logTick = setInterval(() => this.evaluateLogPatterns(), 5_000);
    logTick.unref();
    this.stops.push(() => clearInterval(logTick), () => this.logs.close());
    void this.ae.env.watcher.whenReady().then(() => this.evaluateState());
  }

  /** A rule was created, changed or deleted: follow the logs the rules now need, at once. */
  rulesChanged() {
    this.evaluateState();
  }

  evaluateLogPatterns(now = Date.now()) {
    try {
      for (const rule of this.rules((r) => r.kind === 'log_pattern')) {
        const firing = new Map<string, Firing>();
        for (const [key, a] of this.logs.above(rule, now))
          firing.set(key, { key, project: a.project, service: a.service, summary: `${a.rate} lines matching /${rule.pattern}/ in the last minute (above ${rule.perMinute})` });
        // the summary's count changes all the time: only opening and resolving matter, repeats do not resend
        for (const f of firing.values()) {
          const open = findOpenAlert(this.ae.app.db, rule.id, f.key);
          this.apply(rule, f.key, f, open, now, false);
        }
        for (const open of openAlertsOf(this.ae.app.db, rule.id, this.ae.env.name)) if (!firing.has(open.key)) this.apply(rule, open.key, null, open, now, false);
      }
    } catch (e) {
      console.error('[alerts] log pattern evaluation failed:', (e as Error).message);
    }
  }

  stop() {
    for (const s of this.stops.splice(0)) s();
    if (this.pending) clearTimeout(this.pending);
  }

  private rules(filter: (r: AlertRule) => boolean): AlertRule[] {
    return listRules(this.ae.app.db).filter((r) => r.enabled && (!r.env || r.env === this.ae.env.name) && filter(r));
  }

  /** A burst of container changes is evaluated once. */
  private scheduleStateEvaluation() {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.evaluateState();
    }, 200);
  }

  evaluateState(now = Date.now()) {
    // an unreachable engine's model is stale: neither fire nor resolve on it
    if (!this.ae.env.watcher.engine.reachable) return;
    try {
      this.logs.reconcile(this.rules((r) => r.kind === 'log_pattern'));
      const containers = this.ae.env.watcher.list();
      const byService = servicesInScope({ env: null, project: null, service: null }, this.ae.env.name, containers);
      for (const [key, members] of byService) {
        if (serviceRollup(members) === 'unhealthy') {
          if (!this.unhealthySince.has(key)) this.unhealthySince.set(key, now);
        } else this.unhealthySince.delete(key);
      }
      for (const key of this.unhealthySince.keys()) if (!byService.has(key)) this.unhealthySince.delete(key);

      for (const rule of this.rules((r) => STATE_KINDS.has(r.kind))) {
        const firing = new Map<string, Firing>();
        for (const [key, members] of servicesInScope(rule, this.ae.env.name, containers)) {
          const summary = stateCondition(rule, members, now, this.unhealthySince.get(key));
          if (summary) firing.set(key, { key, project: members[0].project, service: members[0].service ?? (members[0].project ? null : members[0].name), summary });
        }
        this.settle(rule, firing, now);
      }
    } catch (e) {
      console.error('[alerts] evaluation failed:', (e as Error).message);
    }
  }

  /** Applies one evaluation of a rule: what fires now is opened or repeated, what was open and no longer fires is resolved. */
  settle(rule: AlertRule, firing: Map<string, Firing>, now: number) {
    for (const f of firing.values()) {
      const open = findOpenAlert(this.ae.app.db, rule.id, f.key);
      this.apply(rule, f.key, f, open, now, open?.summary !== f.summary);
    }
    for (const open of openAlertsOf(this.ae.app.db, rule.id, this.ae.env.name)) if (!firing.has(open.key)) this.apply(rule, open.key, null, open, now, false);
  }

  private onTimelineEvent(e: TimelineEvent) {
    try {
      for (const rule of this.rules((r) => r.kind === 'backup_failed' || r.kind === 'update_available')) {
        const effect = eventEffect(rule, e);
        if (effect?.fire) this.apply(rule, effect.fire.key, effect.fire, findOpenAlert(this.ae.app.db, rule.id, effect.fire.key), Date.parse(e.at) || Date.now(), true);
        if (effect?.clear) {
          const open = findOpenAlert(this.ae.app.db, rule.id, effect.clear);
          if (open) this.apply(rule, effect.clear, null, open, Date.now(), false);
        }
      }
    } catch (err) {
      console.error('[alerts] event evaluation failed:', (err as Error).message);
    }
  }

  private apply(rule: AlertRule, key: string, f: Firing | null, open: Alert | undefined, now: number, newOccurrence: boolean) {
    const db = this.ae.app.db;
    const at = new Date(now).toISOString();
    const d = decide(open && { lastSentAt: open.lastSentAt ? Date.parse(open.lastSentAt) : null }, f !== null, now, rule.groupWindowMinutes * 60_000, newOccurrence);
    if (d === 'none') return;
    if (d === 'open' && f) {
      const id = openAlert(db, { ruleId: rule.id, key, env: this.ae.env.name, project: f.project, service: f.service, severity: rule.severity, summary: f.summary, at });
      this.send(rule, id, 'alert.firing', `${rule.name}: ${key}`, f.summary, now);
    } else if ((d === 'repeat' || d === 'repeat-and-send') && f && open) {
      repeatAlert(db, open.id, f.summary, at);
      if (d === 'repeat-and-send') this.send(rule, open.id, 'alert.firing', `${rule.name}: ${key} (seen ${open.count + 1} times)`, f.summary, now);
    } else if (d === 'resolve' && open) {
      resolveAlert(db, open.id, at);
      // "resolved" only for what was told: a warning held back by quiet hours ends quietly
      if (open.lastSentAt) this.send(rule, open.id, 'alert.resolved', `Resolved: ${rule.name}: ${key}`, `No longer holds: ${open.summary}`, now);
    }
    this.ae.env.emit(ALERT_CHANGED, { ruleId: rule.id, key }); // carries its env, reaches only its own environment's sockets
  }

  private send(rule: AlertRule, alertId: number, event: 'alert.firing' | 'alert.resolved', title: string, text: string, now: number) {
    if (!mayDeliver(rule.severity, getQuietHours(this.ae.app.db), now)) return;
    markSent(this.ae.app.db, alertId, new Date(now).toISOString());
    const severity = event === 'alert.resolved' ? 'info' : rule.severity;
    notifier(this.ae).notify(event, title, text, severity, { rule: rule.name, ruleId: rule.id, kind: rule.kind, alertId, env: this.ae.env.name }, { destinations: rule.destinations, alertId });
  }
}

export function alertEngine(ae: AppEnv): AlertEngine {
  return ae.env.service('alerts.engine', () => new AlertEngine(ae));
}

export function startAlerts(ae: AppEnv) {
  alertEngine(ae).start();
}

/** After a rule changed: the running engine of this environment re-evaluates at once (others on their next tick). */
export function rulesChanged(ae: AppEnv) {
  (ae.env.existing('alerts.engine') as AlertEngine | undefined)?.rulesChanged();
}
