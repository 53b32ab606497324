// Notifications: webhook destinations and what they are told. Pure types and schemas.
import { z } from 'zod';

export const NOTIFICATION_EVENTS = [
  'service.unhealthy', 'service.recovered', 'container.restart_loop', 'container.oom',
  'backup.failed', 'slot.switched', 'slot.deployed', 'update.available', 'update.failed', 'test',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const DESTINATION_KINDS = ['json', 'slack', 'ntfy'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export interface NotificationDestination {
  id: number;
  name: string;
  kind: DestinationKind;
  url: string;
  events: NotificationEvent[] | ['*'];
  enabled: boolean;
  createdAt: string;
}

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
}

const webhookUrl = z
  .string()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'only http and https URLs')
  .refine((u) => { const p = new URL(u); return !p.username && !p.password; }, 'no user:password in the URL (put a token in the path or query)');

export const createDestinationBody = z.object({
  name: z.string().min(1).max(64),
  kind: z.enum(DESTINATION_KINDS),
  url: webhookUrl,
  events: z.union([z.array(z.enum(NOTIFICATION_EVENTS)).min(1).max(20), z.tuple([z.literal('*')])]).default(['*']),
  enabled: z.boolean().default(true),
});
export const destinationIdParam = z.object({ id: z.coerce.number().int().positive() });
