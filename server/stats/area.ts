// Stats collectors of one environment: created with it, every stream closed when it goes.
import { defineArea, existing } from '../areas/define-area';
import { statsHub, type StatsHub } from './stats-hub';

export const statsArea = defineArea({
  name: 'stats',
  start: (env) => void statsHub(env),
  stop: (env) => existing<StatsHub>(env, 'stats.hub')?.stopAll(),
});
