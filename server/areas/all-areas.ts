// Every area with a life of its own, in start order (server/areas/lifecycle.ts stops them in reverse):
// Docker instrumented before its first call; the log hub before those holding its followers; listeners
// (stats, health, events) before the watcher's first sync; what reads the model after it.
import type { Area } from './define-area';
import { metricsArea } from '../metrics/area';
import { logsArea } from '../logs/area';
import { swarmArea } from '../swarm/area';
import { statsArea } from '../stats/area';
import { healthArea } from '../health/area';
import { eventsArea } from '../events/area';
import { containersArea } from '../docker/area';
import { healthNoticesArea } from '../notifications/area';
import { alertsArea } from '../alerts/area';
import { backupsArea } from '../backups/area';
import { updatesArea } from '../updates/area';
import { shellArea } from '../shell/area';

export const ALL_AREAS: readonly Area[] = [
  metricsArea,
  logsArea,
  swarmArea,
  statsArea,
  healthArea,
  eventsArea,
  containersArea,
  healthNoticesArea,
  alertsArea,
  backupsArea,
  updatesArea,
  shellArea,
];
