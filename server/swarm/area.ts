// Swarm progress monitors and the listing model read one environment's engine on timers and an events
// stream: they all stop when it goes.
import { defineArea } from '../areas/define-area';
import type { SwarmProgress } from './progress';
import { stopSwarmModel } from './service-model';

export const swarmArea = defineArea({
  name: 'swarm',
  stop: (ae) => {
    ae.env.existing<SwarmProgress>('swarm.progress')?.stopAll();
    stopSwarmModel(ae);
  },
});
