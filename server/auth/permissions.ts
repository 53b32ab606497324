// The one permission function: every HTTP route and socket event asks it.
import type { Role } from '../contract';

export type Permission =
  | 'read' // overview, containers, logs, stats, health, audit
  | 'containers:control' // start, stop, restart
  | 'slots:switch'
  | 'backups:run'
  | 'backups:restore'
  | 'backups:delete'
  | 'swarm:operate' // scale, update, roll back swarm services
  | 'shell'
  | 'users:manage'
  | 'environments:manage';

export const MIN_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  'containers:control': 'operator',
  'slots:switch': 'operator',
  'backups:run': 'operator',
  'backups:restore': 'admin',
  'backups:delete': 'admin',
  'swarm:operate': 'operator',
  shell: 'admin',
  'users:manage': 'admin',
  'environments:manage': 'admin',
};

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export interface Principal {
  username: string;
  role: Role;
  via: 'session' | 'token';
  sessionHash?: string;
  tokenId?: number;
}

export function can(principal: Principal | null, permission: Permission): boolean {
  if (!principal) return false;
  return RANK[principal.role] >= RANK[MIN_ROLE[permission]];
}

export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}
