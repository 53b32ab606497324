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

export function formatRequest(kind: DestinationKind, n: Notice): { body: string; headers: Record<string, string> } {
  if (kind === 'slack') return { body: JSON.stringify({ text: `*${n.title}*\n${n.text}` }), headers: { 'content-type': 'application/json' } };
  if (kind === 'ntfy') {
    // ntfy takes the message as the body and the rest as headers (ASCII only in headers).
    const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
    return {
      body: n.text,
      headers: { 'content-type': 'text/plain; charset=utf-8', Title: ascii(n.title), Priority: n.severity === 'critical' ? '5' : n.severity === 'warning' ? '4' : '3', Tags: ascii(n.event) },
    };
  }
  return { body: JSON.stringify({ source: 'slipway', ...n }), headers: { 'content-type': 'application/json' } };
}
