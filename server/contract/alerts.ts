// Alerts (issue 18.4): rules admins write, the alerts they open and resolve, quiet hours. Pure types and
// schemas shared by client and server.
import { z } from 'zod';
import type { NotificationDelivery, DestinationKind } from './notifications';
import { unsafeRegexReason } from './safe-regex';

export const ALERT_KINDS = ['unhealthy', 'restart_loop', 'oom', 'exit_nonzero', 'backup_failed', 'update_available', 'log_pattern'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  unhealthy: 'unhealthy longer than N minutes',
  restart_loop: 'restart loop',
  oom: 'OOM kill',
  exit_nonzero: 'non-zero exit of a service that should be running',
  backup_failed: 'backup or restore verification failed',
  update_available: 'image update available',
  log_pattern: 'log pattern above R lines per minute',
};

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const scopePart = z.string().trim().min(1).max(128).nullish().transform((v) => v ?? null);

export const alertRuleBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    kind: z.enum(ALERT_KINDS),
    enabled: z.boolean().default(true),
    severity: z.enum(ALERT_SEVERITIES).default('warning'),
    /** scope: each part optional; a missing part matches everything */
    env: scopePart,
    project: scopePart,
    service: scopePart,
    /** unhealthy: how long a service must stay unhealthy */
    minutes: z.number().int().min(1).max(1440).optional(),
    /** log_pattern: the regex (checked by unsafeRegexReason) and the rate per minute above which it fires */
    pattern: z.string().max(200).optional(),
    perMinute: z.number().int().min(1).max(100000).optional(),
    /** repeats within this window update the open alert without sending again */
    groupWindowMinutes: z.number().int().min(1).max(1440).default(60),
    /** destination ids; empty: every destination subscribed to alert events */
    destinations: z.array(z.number().int().positive()).max(20).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'unhealthy' && r.minutes === undefined) ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'an unhealthy rule needs minutes' });
    if (r.kind === 'log_pattern') {
      if (r.pattern === undefined) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a log pattern rule needs a pattern' });
      else {
        const why = unsafeRegexReason(r.pattern);
        if (why) ctx.addIssue({ code: 'custom', path: ['pattern'], message: why });
      }
      if (r.perMinute === undefined) ctx.addIssue({ code: 'custom', path: ['perMinute'], message: 'a log pattern rule needs perMinute' });
    }
  });
export type AlertRuleInput = z.infer<typeof alertRuleBody>;

export type AlertRule = AlertRuleInput & { id: number; createdAt: string; updatedAt: string };

export interface Alert {
  id: number;
  ruleId: number;
  ruleName: string;
  kind: AlertKind;
  /** the grouping key: one open alert per rule and key (env/project/service, or a backup target) */
  key: string;
  env: string;
  project: string | null;
  service: string | null;
  severity: AlertSeverity;
  status: 'open' | 'resolved';
  summary: string;
  /** how many times the condition was seen while open */
  count: number;
  firstAt: string;
  lastAt: string;
  resolvedAt: string | null;
  lastSentAt: string | null;
}

export const alertsQuery = z.object({
  status: z.enum(['open', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A delivery as everyone who may read alerts sees it (no URL, no config). */
export type AlertDelivery = NotificationDelivery & { destinationName: string; destinationKind: DestinationKind };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');
/**
 * Quiet hours: a daily window (start to end, may cross midnight) in a fixed UTC offset. During it only
 * critical alerts (and their resolved messages) are sent; warnings are still opened and shown, not sent.
 */
export const quietHoursBody = z.object({
  enabled: z.boolean(),
  start: hhmm,
  end: hhmm,
  /** minutes east of UTC, e.g. 60 for UTC+01:00 */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(0),
});
export type QuietHours = z.infer<typeof quietHoursBody>;

export const alertRuleIdParam = z.object({ id: z.coerce.number().int().positive() });

/** pushed to an environment's sockets when an alert opens, repeats or resolves: `{ruleId, key}` */
export const ALERT_CHANGED = 'alert:changed';
