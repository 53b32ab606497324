// How far behind a socket's connection is: packets engine.io holds because the transport is still
// busy, and bytes the WebSocket has queued but the kernel has not taken (a browser that stopped
// reading). Every sender of a stream to a socket (logs, service logs, shell output) stops emitting
// while either is high and waits for the transport: the one definition of socket backpressure.
import type { Socket } from 'socket.io';

interface ConnInternals {
  writeBuffer?: unknown[];
  transport?: { socket?: { bufferedAmount?: number }; once?: (ev: string, fn: () => void) => void; off?: (ev: string, fn: () => void) => void };
}

const MAX_PACKETS = 4;
const MAX_BYTES = 4 * 1024 * 1024;

export function transportBusy(socket: Socket): boolean {
  const conn = socket.conn as unknown as ConnInternals;
  const packets = conn.writeBuffer?.length ?? 0;
  const bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  return packets >= MAX_PACKETS || bytes > MAX_BYTES;
}

/**
 * Calls `fn` once the transport is writable again ('ready' follows 'drain', after engine.io has
 * flushed what it held), or after `maxMs` (polling a stalled peer).
 */
export function whenTransportReady(socket: Socket, fn: () => void, maxMs = 15): () => void {
  const t = (socket.conn as unknown as ConnInternals).transport;
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    t?.off?.('ready', fire);
    fn();
  };
  const timer = setTimeout(fire, maxMs);
  t?.once?.('ready', fire);
  return () => {
    done = true;
    clearTimeout(timer);
    t?.off?.('ready', fire);
  };
}
