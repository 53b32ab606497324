'use client';
// One socket.io connection per tab, opened lazily. WebSocket transport only: the handshake then
// always carries Origin, which the server checks.
import { io, type Socket } from 'socket.io-client';
import { currentEnv } from './environment';
import type { ClientToServerEvents, ServerToClientEvents } from '@/server/contract';

/** The tab's socket, typed by the contract's event maps both ways. */
export type SlipwayClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: SlipwayClientSocket | null = null;

export function getSocket(): SlipwayClientSocket {
  // the socket works on the tab's environment (server/socket/socket-server.ts binds it at the handshake)
  socket ??= io({ path: '/socket.io', transports: ['websocket'], withCredentials: true, auth: currentEnv() ? { env: currentEnv() } : {} });
  return socket;
}

export function closeSocket() {
  socket?.close();
  socket = null;
}
