// Stats collectors of one environment: created with it, every stream closed when it goes.
import { defineArea } from '../areas/define-area';
import { statsHub, type StatsHub } from './stats-hub';

export const statsArea = defineArea({
  name: 'stats',
  start: (ae) => void statsHub(ae),
  stop: (ae) => ae.env.existing<StatsHub>('stats.hub')?.stopAll(),
});
