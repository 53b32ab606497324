// Log-pattern rules of one environment: follows the logs of the running containers some enabled rule
// scopes to, through the shared log hub (one Docker stream per container, whoever else watches it),
// counts matching lines per rule and service in a RateWindow (no line is kept), and reports each rule's
// services above its rate to the engine. Followers of containers no rule needs any more are released.
import type { AppEnv } from '../app';
import type { AlertRule, LogLine } from '../contract';
import { inspectForLogs } from '../logs/docker-logs';
import { logHub } from '../logs/log-hub';
import type { ContainerFollower } from '../logs/container-follower';
import { serviceKey } from './conditions';
import { inScope } from './conditions';
import { PatternMatcher } from './pattern-matcher';
import { RateWindow } from './rate-window';

interface Followed { follower: ContainerFollower; key: string; project: string | null; service: string | null; onLines: (l: LogLine[]) => void }

export class LogPatterns {
  private followed = new Map<string, Followed>();
  private opening = new Set<string>();
  private windows = new Map<string, RateWindow>(); // `${ruleId} ${serviceKey}`
  private matcher = new PatternMatcher();
  private rules: AlertRule[] = [];

  constructor(private ae: AppEnv) {}

  /** Follows exactly the running containers that the given (enabled, log_pattern) rules scope to. */
  reconcile(rules: AlertRule[]) {
    this.rules = rules;
    const wanted = new Map<string, { key: string; project: string | null; service: string | null }>();
    if (rules.length)
      for (const c of this.ae.env.watcher.list()) {
        if (c.state !== 'running') continue;
        const service = c.service ?? (c.project ? null : c.name);
        if (rules.some((r) => inScope(r, this.ae.env.name, c.project, service))) wanted.set(c.id, { key: serviceKey(this.ae.env.name, c), project: c.project, service });
      }
    for (const [id, f] of this.followed)
      if (!wanted.has(id)) {
        f.follower.off('lines', f.onLines);
        logHub(this.ae).release(f.follower);
        this.followed.delete(id);
      }
    for (const [id, where] of wanted) if (!this.followed.has(id) && !this.opening.has(id)) void this.follow(id, where);
  }

  private async follow(id: string, where: { key: string; project: string | null; service: string | null }) {
    this.opening.add(id);
    try {
      const info = await inspectForLogs(this.ae.env.docker, id);
      const follower = logHub(this.ae).acquire(info);
      const onLines = (lines: LogLine[]) => void this.count(where, lines.map((l) => l.text));
      follower.on('lines', onLines);
      this.followed.set(id, { follower, onLines, ...where });
    } catch {
      /* gone meanwhile: the next reconcile decides again */
    } finally {
      this.opening.delete(id);
    }
  }

  private async count(where: { key: string; project: string | null; service: string | null }, lines: string[]) {
    const rules = this.rules.filter((r) => r.pattern && inScope(r, this.ae.env.name, where.project, where.service));
    const counts = await this.matcher.count(lines, rules.map((r) => ({ id: r.id, pattern: r.pattern! })));
    if (!counts) return;
    const now = Date.now();
    for (const r of rules) {
      const k = `${r.id} ${where.key}`;
      let w = this.windows.get(k);
      if (!w) this.windows.set(k, (w = new RateWindow()));
      w.add(counts[r.id] ?? 0, now);
    }
  }

  /** The services of a rule above its rate now, keyed by service key, with their rate. */
  above(rule: AlertRule, now: number): Map<string, { project: string | null; service: string | null; rate: number }> {
    const out = new Map<string, { project: string | null; service: string | null; rate: number }>();
    const where = new Map([...this.followed.values()].map((f) => [f.key, f]));
    for (const [k, w] of this.windows) {
      const [id, key] = [Number(k.slice(0, k.indexOf(' '))), k.slice(k.indexOf(' ') + 1)];
      if (id !== rule.id) continue;
      const rate = w.perMinute(now);
      if (rate > (rule.perMinute ?? Infinity)) out.set(key, { project: where.get(key)?.project ?? null, service: where.get(key)?.service ?? null, rate });
    }
    return out;
  }

  close() {
    this.reconcile([]);
    this.matcher.close();
  }
}
