// Each capability registers its socket events here, once per connection.
import type { Socket } from 'socket.io';
import type { AppEnv } from '../app';
import { registerLogsSocket } from '../logs/logs-socket';
import { registerShellSocket } from '../shell/shell-socket';
import { registerStatsSocket } from '../stats/stats-socket';
import { registerSwarmSocket } from '../swarm/swarm-socket';

type Register = (ae: AppEnv, socket: Socket) => void;

const AREAS: Register[] = [registerLogsSocket, registerShellSocket, registerStatsSocket, registerSwarmSocket];

export function registerAreaHandlers(ae: AppEnv, socket: Socket) {
  for (const register of AREAS) register(ae, socket);
}
