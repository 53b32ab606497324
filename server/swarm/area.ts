// Swarm progress monitors and the listing model read one environment's engine on timers and an events
// stream: they all stop when it goes.
import { defineArea, existing } from '../areas/define-area';
import type { SwarmProgress } from './progress';
import { stopSwarmModel } from './service-model';

export const swarmArea = defineArea({
  name: 'swarm',
  stop: (env) => {
    existing<SwarmProgress>(env, 'swarm.progress')?.stopAll();
    stopSwarmModel(env);
  },
});
