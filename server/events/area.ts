// The timeline's listening producers: once per process the audit log and pruning, per environment its
// container events and error-log rate (server/events/producers.ts).
import { defineArea } from '../areas/define-area';
import type { AppEnv } from '../app';
import { startContainerEvents, startProcessEvents, stopContainerEvents } from './producers';

const processStop = (ae: AppEnv) => ae.app.service('events:process', () => ({ stop: () => {} }));

export const eventsArea = defineArea({
  name: 'events',
  startProcess(ae) {
    processStop(ae).stop = startProcessEvents(ae);
  },
  start: startContainerEvents,
  stop: stopContainerEvents,
  stopProcess: (ae) => processStop(ae).stop(),
});
