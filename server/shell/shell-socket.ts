// shell:* socket events (CONTRACT.md). Admin only (permission 'shell'), checked per event by onEvent;
// a session answers only the socket that opened it, and the socket's end ends its sessions.
import { requireRecentAuth } from '../auth/reauth';
import type { Socket } from 'socket.io';
import type { AppEnv } from '../app';
import { onEvent } from '../socket/socket-server';
import { HttpError } from '../http/errors';
import { SHELL_EVENTS, shellCloseSchema, shellInputSchema, shellOpenSchema, shellResizeSchema } from '../contract';
import { shellSessions, type ShellOwner } from './shell-sessions';
import { transportBusy, whenTransportReady } from '../socket/transport-backlog';

export function registerShellSocket(ae: AppEnv, socket: Socket) {
  const sessions = shellSessions(ae);
  const owner: ShellOwner = {
    id: socket.id,
    emit: (event, payload) => socket.emit(event, payload),
    // output waits while the socket's transport is backed up (server/socket/transport-backlog.ts)
    congested: () => transportBusy(socket),
    onDrain: (cb) => void whenTransportReady(socket, cb, 50),
  };

  onEvent(ae, socket, SHELL_EVENTS.open, 'shell', shellOpenSchema, async (req, principal) => {
    // a root shell: the session must have proved its user in the last 10 minutes (401 needs reauth)
    requireRecentAuth(principal);
    const { ack, start } = await sessions.open(owner, principal, req);
    if (socket.disconnected) {
      // revoked or closed while the exec was starting: the disconnect handler ran before this session existed
      await sessions.closeOwner(socket.id);
      throw new HttpError(401, 'connection closed');
    }
    // The ack goes out when this handler resolves; output starts after it, so the client knows the id.
    setImmediate(start);
    return { ...ack };
  });
  onEvent(ae, socket, SHELL_EVENTS.input, 'shell', shellInputSchema, async ({ sessionId, data }) => {
    sessions.input(socket.id, sessionId, data);
  });
  onEvent(ae, socket, SHELL_EVENTS.resize, 'shell', shellResizeSchema, async ({ sessionId, cols, rows }) => {
    await sessions.resize(socket.id, sessionId, cols, rows);
  });
  onEvent(ae, socket, SHELL_EVENTS.close, 'shell', shellCloseSchema, async ({ sessionId }) => {
    await sessions.close(socket.id, sessionId);
  });
  socket.on('disconnect', () => void sessions.closeOwner(socket.id));
}
