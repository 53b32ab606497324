// The one permission function: every HTTP route and socket event asks it.
import type { Role } from '../contract';

export type Permission =
  | 'read' // overview, containers, logs, stats, health, audit
  | 'containers:control' // start, stop, restart
  | 'slots:switch'
  | 'slots:images' // choose the image repositories operators may deploy to a slot
  | 'backups:run'
  | 'backups:restore'
  | 'backups:delete'
  | 'swarm:operate' // scale, update, roll back swarm services
  | 'shell'
  | 'users:manage'
  | 'environments:manage'
  | 'secrets:read' // .env values, container environment, inspect env
  | 'stacks:operate' // deploy, start, stop, restart, pull, redeploy, down, scale, update a service
  | 'stacks:edit' // compose files and .env, create and delete stacks
  | 'images:pull'
  | 'resources:remove' // remove or prune images, volumes, networks
  | 'updates:check'
  | 'updates:apply'
  | 'registries:manage' // registry credentials
  | 'containers:remove' // remove, rename
  | 'files:read' // browse and download container and volume files
  | 'files:write' // upload into a container
  | 'alerts:manage';

export const MIN_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  'containers:control': 'operator',
  'slots:switch': 'operator',
  'slots:images': 'admin',
  'backups:run': 'operator',
  'backups:restore': 'admin',
  'backups:delete': 'admin',
  'swarm:operate': 'operator',
  shell: 'admin',
  'users:manage': 'admin',
  'environments:manage': 'admin',
  'secrets:read': 'admin',
  'stacks:operate': 'operator',
  'stacks:edit': 'admin',
  'images:pull': 'operator',
  'resources:remove': 'admin',
  'updates:check': 'operator',
  'updates:apply': 'operator',
  'registries:manage': 'admin',
  'containers:remove': 'admin',
  'files:read': 'operator',
  'files:write': 'admin',
  'alerts:manage': 'admin',
};

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export interface Principal {
  username: string;
  role: Role;
  via: 'session' | 'token';
  sessionHash?: string;
  tokenId?: number;
  /** a token's creator: the token acts for that user and dies with them */
  createdBy?: string;
  /** a session's sign-in method (server/auth/sessions.ts) */
  method?: 'password' | 'password+totp' | 'passkey' | 'oidc';
  /** a session's last proof of its user, epoch ms: sensitive actions need one within 10 minutes */
  reauthAt?: number | null;
  /** a session whose role must use a second factor it has not set up yet: only enrolment is open */
  mustEnrol?: boolean;
  /** an admin reset this user's password: only changing it (and signing out) is open */
  mustChangePassword?: boolean;
}

/** Whether a principal (server) or a signed-in role (browser gating) may do this; shared by both sides. */
export function can(who: Principal | Role | null | undefined, permission: Permission): boolean {
  if (!who) return false;
  const role = typeof who === 'string' ? who : who.role;
  return RANK[role] >= RANK[MIN_ROLE[permission]];
}

export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}
