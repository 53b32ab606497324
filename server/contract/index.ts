// The one module of types and zod schemas that client and server import (`@/server/contract`).
// Pure: no Node imports. One file per area keeps the pieces small.
export * from './core';
export * from './logs';
export * from './stats';
export * from './shell';
export * from './slots';
export * from './backups';
export * from './notifications';
export * from './environments';
export * from './swarm';
export * from './images';
export * from './resources';
export * from './updates';
export * from './stacks';
export * from './auth';
export * from './container-ops';
export * from './events';
export * from './alerts';
export * from './safe-regex';
export * from './log-level';
export * from './routes';
export * from './route-match';
export * from './socket-events';
