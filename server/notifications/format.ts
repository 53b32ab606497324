// What each kind of destination receives. Pure: unit-tested.
import type { DestinationKind, NotificationEvent } from '../contract';

export interface Notice {
  event: NotificationEvent;
  title: string;
  text: string;
  severity: 'info' | 'warning' | 'critical';
  data?: Record<string, unknown>;
  at: string;
}

export function formatRequest(kind: Exclude<DestinationKind, 'email'>, n: Notice): { body: string; headers: Record<string, string> } {
  if (kind === 'slack') return { body: JSON.stringify({ text: `*${n.title}*\n${n.text}` }), headers: { 'content-type': 'application/json' } };
  if (kind === 'ntfy') {
    // ntfy takes the message as the body and the rest as headers (ASCII only in headers).
    const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
    return {
      body: n.text,
      headers: { 'content-type': 'text/plain; charset=utf-8', Title: ascii(n.title), Priority: n.severity === 'critical' ? '5' : n.severity === 'warning' ? '4' : '3', Tags: ascii(n.event) },
    };
  }
  // Discord webhooks take `content` (2,000 characters at most) and answer 204.
  if (kind === 'discord') return { body: JSON.stringify({ content: `**${n.title}**\n${n.text}`.slice(0, 2000) }), headers: { 'content-type': 'application/json' } };
  // Gotify's POST /message: priority 0-10, where 8+ makes clients ring.
  if (kind === 'gotify')
    return { body: JSON.stringify({ title: n.title, message: n.text, priority: n.severity === 'critical' ? 8 : n.severity === 'warning' ? 5 : 2 }), headers: { 'content-type': 'application/json' } };
  return { body: JSON.stringify({ source: 'slipway', ...n }), headers: { 'content-type': 'application/json' } };
}

/** An e-mail's subject and plain-text body. */
export function formatEmail(n: Notice): { subject: string; text: string } {
  return { subject: `[Slipway ${n.severity}] ${n.title}`, text: `${n.text}\n\nEvent: ${n.event}\nAt: ${n.at}\n` };
}
