export function since(iso: string | null, now = Date.now()): string {
  if (!iso) return '—';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export function shortId(id: string) {
  return id.slice(0, 12);
}

import type { ContainerSummary } from '@/server/contract';

/** Where a container listens: published ports, or for host-network containers the slot/probe labels. */
export function portsText(c: ContainerSummary): string {
  const published = c.ports.filter((p) => p.publicPort).map((p) => `${p.ip && p.ip !== '0.0.0.0' ? p.ip + ':' : ''}${p.publicPort}→${p.privatePort}/${p.type}`);
  if (published.length) return [...new Set(published)].join(', ');
  if (c.networkMode === 'host') {
    const addr = c.labels['slipway.slot.upstream'] ?? c.labels['slipway.proxy.url']?.replace(/^https?:\/\//, '').split('/')[0] ?? Object.entries(c.labels).find(([k]) => k.startsWith('slipway.probe.'))?.[1]?.replace(/^https?:\/\//, '').split('/')[0];
    return addr ? `host ${addr}` : 'host network';
  }
  return c.ports.map((p) => `${p.privatePort}/${p.type}`).join(', ') || '—';
}
