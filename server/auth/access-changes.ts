// Changes that take rights away act at once on open sockets too: revoking a token, changing or deleting
// a user ends their socket.io connections, and with them their shells and log subscriptions.
// (Every socket event also re-checks its principal, server/socket/socket-server.ts, so even a socket
// missed here can do nothing more.)
import type { App } from '../app';
import type { Role, TokenRow, UserRow } from '../contract';
import { revokeToken, revokeTokensOf } from './tokens';
import { deleteUser, updateUser } from './users';

export function revokeTokenNow(app: App, id: number): TokenRow {
  const row = revokeToken(app.db, id);
  app.disconnectSockets({ tokenId: id });
  return row;
}

/** A changed password or role: the user's sessions end (users.ts), and every socket of theirs or of their tokens. */
export async function updateUserNow(app: App, username: string, change: { password?: string; role?: Role }): Promise<UserRow> {
  const user = await updateUser(app.db, username, change);
  app.disconnectSockets({ username });
  return user;
}

/** A deleted user's tokens die with them. */
export function deleteUserNow(app: App, username: string): { revokedTokens: number[] } {
  const revokedTokens = app.db.transaction(() => {
    deleteUser(app.db, username);
    return revokeTokensOf(app.db, username);
  })();
  app.disconnectSockets({ username });
  for (const tokenId of revokedTokens) app.disconnectSockets({ tokenId });
  return { revokedTokens };
}
