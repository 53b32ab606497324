// The socket.io events both ways, typed (issue 16): what the browser emits (with the answer its ack gets) and
// what the server pushes. The server constructs `new Server<ClientToServerEvents, ServerToClientEvents>` and the
// browser's socket is `Socket<ServerToClientEvents, ClientToServerEvents>` (components/socket.ts).
// Pure: types only, the event names are the area constants.
import type { z } from 'zod';
import type { AuthNeeds } from './auth';
import { BACKUP_EVENTS, type BackupChangedEvent, type BackupProgressEvent } from './backups';
import { SOCKET_EVENTS, type ContainerChangedEvent, type EngineStatus } from './core';
import { EVENT_NEW, type TimelineEvent } from './events';
import { IMAGE_EVENTS, type PullState } from './images';
import { LOGS_EVENTS, type LogsLinesEvent, type LogsSkippedEvent, type LogsStatusEvent, type logsSubscribeSchema, type logsUnsubscribeSchema } from './logs';
import { SHELL_EVENTS, type ShellExitEvent, type ShellOpenAck, type ShellOpenRequest, type ShellOutputEvent, type shellCloseSchema, type shellInputSchema, type shellResizeSchema } from './shell';
import { SLOT_EVENTS, type SlotDoneEvent, type SlotProgressEvent } from './slots';
import { OPERATION_DONE, OPERATION_OUTPUT, type OperationDoneEvent, type OperationOutputEvent } from './stacks';
import { HEALTH_EVENTS, STATS_EVENTS, type HealthChangedEvent, type OverviewStatsSample, type StatsEndedEvent, type StatsSample, type statsSubscribe, type statsUnsubscribe } from './stats';
import { SWARM_EVENTS, type SwarmLogsEndedEvent, type SwarmLogsLinesEvent, type SwarmProgressEvent, type swarmLogsSubscribeSchema, type swarmLogsUnsubscribeSchema, type swarmWatchSchema } from './swarm';
import { UPDATE_EVENTS, type UpdateInfo, type UpdateJob } from './updates';
import { ALERT_CHANGED } from './alerts';

/**
 * The one answer shape of every acknowledged event (server/socket/socket-server.ts onEvent): `{ok: true, ...T}`,
 * or why not, with the HTTP status it would have had.
 */
export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; status: number; error: string; needs?: AuthNeeds; issues?: unknown[] };

type AckCallback<T extends object> = (reply: Ack<T>) => void;

export interface LogsSubscribeAck {
  subscriptionId: string;
  containers: { id: string; name: string; tty: boolean; running: boolean }[];
}
export interface StatsSubscribeAck {
  containerId: string;
  running: boolean;
  /** the collector's buffered samples, oldest first */
  history: StatsSample[];
}
export interface OverviewSubscribeAck {
  samples: OverviewStatsSample[];
  intervalMs: number;
}
export interface SwarmLogsSubscribeAck {
  subscriptionId: string;
  serviceId: string;
  serviceName: string;
}

/**
 * What the browser emits. An event with an ack callback is always emitted with one (subscribe, open, watch);
 * the others are fire-and-forget.
 */
export type ClientToServerEvents = {
  [LOGS_EVENTS.subscribe]: (req: z.input<typeof logsSubscribeSchema>, ack: AckCallback<LogsSubscribeAck>) => void;
  [LOGS_EVENTS.unsubscribe]: (req: z.input<typeof logsUnsubscribeSchema>) => void;
  [STATS_EVENTS.subscribe]: (req: z.input<typeof statsSubscribe>, ack: AckCallback<StatsSubscribeAck>) => void;
  [STATS_EVENTS.unsubscribe]: (req: z.input<typeof statsUnsubscribe>) => void;
  [STATS_EVENTS.overviewSubscribe]: (req: Record<string, never>, ack: AckCallback<OverviewSubscribeAck>) => void;
  [STATS_EVENTS.overviewUnsubscribe]: (req: Record<string, never>) => void;
  [SHELL_EVENTS.open]: (req: ShellOpenRequest, ack: AckCallback<ShellOpenAck>) => void;
  [SHELL_EVENTS.input]: (req: z.input<typeof shellInputSchema>) => void;
  [SHELL_EVENTS.resize]: (req: z.input<typeof shellResizeSchema>) => void;
  [SHELL_EVENTS.close]: (req: z.input<typeof shellCloseSchema>) => void;
  [SWARM_EVENTS.watch]: (req: z.input<typeof swarmWatchSchema>, ack: AckCallback<{ serviceId: string }>) => void;
  [SWARM_EVENTS.unwatch]: (req: z.input<typeof swarmWatchSchema>) => void;
  [SWARM_EVENTS.logsSubscribe]: (req: z.input<typeof swarmLogsSubscribeSchema>, ack: AckCallback<SwarmLogsSubscribeAck>) => void;
  [SWARM_EVENTS.logsUnsubscribe]: (req: z.input<typeof swarmLogsUnsubscribeSchema>) => void;
};

/** Pushed through `env.emit()`: the payload also names the environment it came from (server/app.ts withEnv). */
type FromEnvironment<T> = T & { env?: string };

/** What the server pushes. */
export type ServerToClientEvents = {
  [SOCKET_EVENTS.containerChanged]: (ev: ContainerChangedEvent) => void;
  [SOCKET_EVENTS.engineStatus]: (status: EngineStatus) => void;
  [SOCKET_EVENTS.environmentStatus]: (status: EngineStatus & { env: string }) => void;
  [LOGS_EVENTS.lines]: (ev: LogsLinesEvent) => void;
  [LOGS_EVENTS.skipped]: (ev: LogsSkippedEvent) => void;
  [LOGS_EVENTS.status]: (ev: LogsStatusEvent) => void;
  [STATS_EVENTS.sample]: (sample: StatsSample) => void;
  [STATS_EVENTS.overview]: (batch: { samples: OverviewStatsSample[] }) => void;
  [STATS_EVENTS.ended]: (ev: StatsEndedEvent) => void;
  [HEALTH_EVENTS.changed]: (ev: HealthChangedEvent) => void;
  [SHELL_EVENTS.output]: (ev: ShellOutputEvent) => void;
  [SHELL_EVENTS.exit]: (ev: ShellExitEvent) => void;
  [SLOT_EVENTS.progress]: (ev: SlotProgressEvent) => void;
  [SLOT_EVENTS.done]: (ev: SlotDoneEvent) => void;
  [BACKUP_EVENTS.progress]: (ev: FromEnvironment<BackupProgressEvent>) => void;
  [BACKUP_EVENTS.changed]: (ev: FromEnvironment<BackupChangedEvent>) => void;
  [OPERATION_OUTPUT]: (ev: FromEnvironment<OperationOutputEvent>) => void;
  [OPERATION_DONE]: (ev: FromEnvironment<OperationDoneEvent>) => void;
  [IMAGE_EVENTS.pullProgress]: (state: FromEnvironment<PullState>) => void;
  [IMAGE_EVENTS.pullDone]: (state: FromEnvironment<PullState>) => void;
  [UPDATE_EVENTS.checked]: (ev: FromEnvironment<{ updates: UpdateInfo[] }>) => void;
  [UPDATE_EVENTS.output]: (ev: FromEnvironment<{ id: string; data: string }>) => void;
  [UPDATE_EVENTS.done]: (job: FromEnvironment<UpdateJob>) => void;
  [EVENT_NEW]: (event: TimelineEvent) => void;
  [ALERT_CHANGED]: (ev: FromEnvironment<{ ruleId: number; key: string }>) => void;
  [SWARM_EVENTS.progress]: (ev: SwarmProgressEvent) => void;
  [SWARM_EVENTS.logsLines]: (ev: SwarmLogsLinesEvent) => void;
  [SWARM_EVENTS.logsEnded]: (ev: SwarmLogsEndedEvent) => void;
};
