// The container watcher of one environment: its changes and engine status pushed to the sockets bound to
// it, then its first sync. When the environment goes, its sockets are disconnected (their subscriptions,
// shells and watches end with them) and the watcher stops reading the engine.
import { defineArea } from '../areas/define-area';
import { environmentRoom } from '../app';
import { broadcastWatcher } from '../socket/socket-server';

export const containersArea = defineArea({
  name: 'containers',
  start(ae) {
    broadcastWatcher(ae);
    ae.env.watcher.start();
  },
  stop(ae, reason) {
    // A removed engine's pages get a namespace disconnect (they do not reconnect to an engine that is gone);
    // at shutdown the transports just close and the pages reconnect to the next start.
    if (reason === 'removed') ae.app.io()?.in(environmentRoom(ae.env.name)).disconnectSockets();
    ae.env.watcher.stop();
    ae.env.watcher.removeAllListeners();
  },
});
