// Swarm progress monitors read one environment's engine on timers: they all stop when it goes.
import { defineArea, existing } from '../areas/define-area';
import type { SwarmProgress } from './progress';

export const swarmArea = defineArea({
  name: 'swarm',
  stop: (env) => existing<SwarmProgress>(env, 'swarm.progress')?.stopAll(),
});
