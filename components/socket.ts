'use client';
// One socket.io connection per tab, opened lazily. WebSocket transport only: the handshake then
// always carries Origin, which the server checks.
import { io, type Socket } from 'socket.io-client';

let socket: Socket | null = null;

export function getSocket(): Socket {
  socket ??= io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
  return socket;
}

export function closeSocket() {
  socket?.close();
  socket = null;
}
