// The dashboard's sections, in menu order. A section gated by a permission is shown only to roles that have it
// (the same `can()` the server asks), so a menu never offers a page that would answer 403.
import type { Permission } from '@/server/auth/permissions';

export interface NavItem {
  href: string;
  label: string;
  /** shown only when the signed-in role has this permission */
  permission?: Permission;
  /** also active on these path prefixes */
  also?: string[];
}

export const NAV: NavItem[] = [
  { href: '/', label: 'Overview', also: ['/containers', '/stats'] },
  { href: '/stacks', label: 'Stacks' },
  { href: '/logs', label: 'Logs' },
  { href: '/timeline', label: 'Timeline' },
  { href: '/health', label: 'Health' },
  { href: '/slots', label: 'Slots' },
  { href: '/backups', label: 'Backups' },
  { href: '/images', label: 'Images' },
  { href: '/updates', label: 'Updates' },
  { href: '/volumes', label: 'Volumes' },
  { href: '/networks', label: 'Networks' },
  { href: '/environments', label: 'Environments' },
  { href: '/swarm', label: 'Swarm' },
  { href: '/audit', label: 'Audit log' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/users', label: 'Users & tokens', permission: 'users:manage' },
  { href: '/notifications', label: 'Notifications', permission: 'users:manage' },
  { href: '/account', label: 'Account & sign-in' },
];

export function isActive(item: NavItem, path: string): boolean {
  if (item.href === '/') return path === '/' || (item.also ?? []).some((p) => path.startsWith(p));
  return path.startsWith(item.href) || (item.also ?? []).some((p) => path.startsWith(p));
}
