// The timeline's listening producers: once per process the audit log and pruning, per environment its
// container events and error-log rate (server/events/producers.ts).
import { defineArea } from '../areas/define-area';
import { singleton } from '../context';
import { startContainerEvents, startProcessEvents, stopContainerEvents } from './producers';

const processStop = (ctx: Parameters<typeof singleton>[0]) => singleton(ctx, 'events:process', () => ({ stop: () => {} }));

export const eventsArea = defineArea({
  name: 'events',
  startProcess(ctx) {
    processStop(ctx).stop = startProcessEvents(ctx);
  },
  start: startContainerEvents,
  stop: stopContainerEvents,
  stopProcess: (ctx) => processStop(ctx).stop(),
});
