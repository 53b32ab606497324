// Notifications: webhook destinations and what they are told. Pure types and schemas.
import { z } from 'zod';

export const NOTIFICATION_EVENTS = [
  'service.unhealthy', 'service.recovered', 'container.restart_loop', 'container.oom',
  'backup.failed', 'slot.switched', 'slot.deployed', 'update.available', 'update.failed', 'test',
  'alert.firing', 'alert.resolved',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const DESTINATION_KINDS = ['json', 'slack', 'ntfy', 'discord', 'gotify', 'email'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export interface NotificationDestination {
  id: number;
  name: string;
  kind: DestinationKind;
  url: string;
  events: NotificationEvent[] | ['*'];
  enabled: boolean;
  createdAt: string;
  /** email only: the SMTP settings; the password is never shown back, only whether one is set */
  email?: EmailSettings & { hasPassword: boolean };
}

/** How an e-mail destination reaches its SMTP server. `tls`: TLS from the start (465); `starttls`: upgrade required; `none`: plain (a local relay). */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
const hostName = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'a host name or address');
const mailbox = z.string().trim().max(254).email();
export const emailSettings = z.object({
  host: hostName,
  port: z.number().int().min(1).max(65535),
  security: z.enum(SMTP_SECURITY).default('starttls'),
  from: mailbox,
  to: z.array(mailbox).min(1).max(20),
  user: z.string().max(254).optional(),
});
export type EmailSettings = z.infer<typeof emailSettings>;

export interface NotificationDelivery {
  id: number;
  destinationId: number;
  event: NotificationEvent;
  title: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  statusCode: number | null;
  createdAt: string;
  finishedAt: string | null;
  /** the alert this delivery told about, if any */
  alertId: number | null;
}

const webhookUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'only http and https URLs')
  .refine((u) => { const p = new URL(u); return !p.username && !p.password; }, 'no user:password in the URL (put a token in the path or query)');

export const createDestinationBody = z
  .object({
    name: z.string().min(1).max(64),
    kind: z.enum(DESTINATION_KINDS),
    /** every kind but email; gotify: the server's /message URL with `?token=` */
    url: webhookUrl.optional(),
    /** email only */
    email: emailSettings.extend({ password: z.string().max(500).optional() }).optional(),
    events: z.union([z.array(z.enum(NOTIFICATION_EVENTS)).min(1).max(20), z.tuple([z.literal('*')])]).default(['*']),
    enabled: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'email' && !d.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'an email destination needs its SMTP settings' });
    if (d.kind !== 'email' && !d.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a webhook URL is required' });
    if (d.kind !== 'email' && d.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'SMTP settings are for email destinations only' });
  });
export type CreateDestinationInput = z.infer<typeof createDestinationBody>;
export const destinationIdParam = z.object({ id: z.coerce.number().int().positive() });
