// Docker API calls of every environment are timed: the client is wrapped before its first call.
import { defineArea } from '../areas/define-area';
import { instrumentDocker } from './instrument';

export const metricsArea = defineArea({
  name: 'metrics',
  start: instrumentDocker,
});
