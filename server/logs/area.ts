// The log hub of one environment: when it goes, every Docker follow stream it holds closes. Listed
// before the areas that hold its followers (alerts, events), so it stops after them.
import { defineArea } from '../areas/define-area';
import type { LogHub } from './log-hub';

export const logsArea = defineArea({
  name: 'logs',
  stop: (ae) => ae.env.existing<LogHub>('logs.hub')?.closeAll(),
});
