// Every HTTP API route in one typed map (issue 16 "one shape"): method and path pattern → the zod schemas
// of its params, query and body, and the type of its answer. The route files parse with the same schemas;
// the browser's `api()` (components/api.ts) finds its route here by method and path, so no client file
// names a response type by hand. routes.test.ts fails when this map and app/api/**/route.ts differ.
// Pure: types and schemas only.
import type { ZodTypeAny } from 'zod';
import {
  auditExportQuery, auditQuery, containerIdParam, createTokenBody, createUserBody, loginBody, setupBody, tokenIdParam, updateUserBody, usernameParam,
  type AuditEntry, type ContainerDetail, type ContainerSummary, type HealthResponse, type Me, type OkResult, type StartedJob, type TokenRow, type UserRow,
} from './core';
import { alertRuleBody, alertRuleIdParam, alertsQuery, quietHoursBody, type Alert, type AlertDelivery, type AlertRule, type QuietHours } from './alerts';
import {
  changePasswordBody, passkeyFinishBody, passkeyIdParam, reauthBody, resetPasswordBody, sessionIdParam, signInSettingsBody, totpCodeBody,
  type AccountSecurity, type LoginResult, type OwnSession, type PasskeyChallenge, type SignInOptions, type SignInSettings, type TotpEnabled, type TotpSetup,
} from './auth';
import {
  backupIdParam, backupListQuery, createBackupBody, proveTargetBody, restoreBackupBody,
  type BackupProof, type BackupTarget, type BackupView, type RestoreResult,
} from './backups';
import {
  fileDownloadQuery, fileUploadQuery, killBody, lifecycleActionParam, pathQuery, removeContainerBody, renameBody,
  type ContainerActionResult, type FileEntry,
} from './container-ops';
import { addEnvironmentBody, environmentListQuery, environmentNameParam, type EnvironmentInfo } from './environments';
import { errorRateQuery, eventsQuery, type ErrorRatePoint, type TimelineEvent } from './events';
import { imageIdParam, pruneImagesBody, pullIdParam, pullImageBody, type ImageSummary, type LocalImage, type PrunePreview, type PruneResult, type PullState } from './images';
import { logsDownloadQuery } from './logs';
import { createDestinationBody, destinationIdParam, type NotificationDelivery, type NotificationDestination } from './notifications';
import { networkIdParam, removeUnusedBody, volumeListQuery, volumeNameParam, type NetworkSummary, type RemoveUnusedResult, type VolumeSummary } from './resources';
import {
  deployBody, slotGroupParam, slotHistoryQuery, slotImagesBody, switchBody,
  type DeployResult, type SlotGroup, type SlotImagesSetting, type SwitchRecord, type SwitchResult,
} from './slots';
import {
  createStackBody, deleteStackBody, filesQuery, operationBody, operationIdParam, putFilesBody, scaleBody, stackParam, stackServiceParam, versionParam,
  type FileVersion, type OperationRecord, type OperationsOverview, type StackDetail, type StackFiles, type StackListItem,
} from './stacks';
import type { CollectorInfo, ContainerHealthReport } from './stats';
import {
  swarmScaleBody, swarmServiceParam, swarmUpdateBody,
  type SwarmChangeResult, type SwarmServiceDetail, type SwarmServicesResponse, type SwarmStatus,
} from './swarm';
import {
  registryCredentialBody, registryParam, serviceUpdateParams, updateCheckBody, updateJobParam,
  type RegistryCredentialView, type UpdateInfo, type UpdateJob,
} from './updates';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What a route takes: path params, query and JSON body, each a contract schema; `response` is a type only. */
export interface RouteSpec {
  params?: ZodTypeAny;
  query?: ZodTypeAny;
  body?: ZodTypeAny;
  response: unknown;
}

/** The answer's type, carried by the map (there is no runtime value: the server's JSON is the value). */
const answer = <T>(): T => undefined as T;

/** A route whose answer is not JSON (a streamed file, a redirect, a page): fetched by a link, never by api(). */
export interface NotJson {
  readonly notJson: 'download, redirect or page';
}
const notJson = answer<NotJson>;

export const API_ROUTES = {
  // ---- sign-in, account, first run ----
  'GET /api/health': { response: answer<HealthResponse>() },
  'GET /api/setup': { response: answer<{ needed: boolean }>() },
  'POST /api/setup': { body: setupBody, response: answer<Me>() },
  'POST /api/auth/login': { body: loginBody, response: answer<LoginResult>() },
  'POST /api/auth/logout': { response: answer<Me>() },
  'GET /api/auth/me': { response: answer<Me>() },
  'GET /api/auth/options': { response: answer<SignInOptions>() },
  'GET /api/auth/oidc/start': { response: notJson() },
  'GET /api/auth/oidc/callback': { response: notJson() },
  'POST /api/auth/password': { body: changePasswordBody, response: answer<{ revokedSessions: number }>() },
  'POST /api/auth/reauth': { body: reauthBody, response: answer<{ reauthAt: number }>() },
  'GET /api/auth/security': { response: answer<AccountSecurity>() },
  'GET /api/auth/sessions': { response: answer<OwnSession[]>() },
  'DELETE /api/auth/sessions/:id': { params: sessionIdParam, response: answer<OkResult>() },
  'POST /api/auth/totp/setup': { response: answer<TotpSetup>() },
  'POST /api/auth/totp/enable': { body: totpCodeBody, response: answer<TotpEnabled>() },
  'DELETE /api/auth/totp': { response: answer<OkResult>() },
  'POST /api/auth/passkeys': { response: answer<PasskeyChallenge>() },
  'POST /api/auth/passkeys/register': { body: passkeyFinishBody, response: answer<{ id: string }>() },
  'POST /api/auth/passkeys/challenge': { response: answer<PasskeyChallenge>() },
  'POST /api/auth/passkeys/login': { body: passkeyFinishBody, response: answer<LoginResult>() },
  'DELETE /api/auth/passkeys/:id': { params: passkeyIdParam, response: answer<OkResult>() },
  'GET /api/settings/sign-in': { response: answer<SignInSettings>() },
  'PUT /api/settings/sign-in': { body: signInSettingsBody, response: answer<SignInSettings>() },

  // ---- users and tokens ----
  'GET /api/users': { response: answer<UserRow[]>() },
  'POST /api/users': { body: createUserBody, response: answer<UserRow>() },
  'PATCH /api/users/:username': { params: usernameParam, body: updateUserBody, response: answer<UserRow>() },
  'DELETE /api/users/:username': { params: usernameParam, response: answer<OkResult>() },
  'POST /api/users/:username/password': { params: usernameParam, body: resetPasswordBody, response: answer<{ revokedSessions: number }>() },
  'DELETE /api/users/:username/second-factor': { params: usernameParam, response: answer<OkResult>() },
  'GET /api/tokens': { response: answer<TokenRow[]>() },
  'POST /api/tokens': { body: createTokenBody, response: answer<TokenRow & { token: string }>() },
  'DELETE /api/tokens/:id': { params: tokenIdParam, response: answer<OkResult>() },
  'GET /api/audit': { query: auditQuery, response: answer<AuditEntry[]>() },
  'GET /api/audit/export': { query: auditExportQuery, response: notJson() },

  // ---- containers ----
  'GET /api/containers': { response: answer<ContainerSummary[]>() },
  'GET /api/containers/:id': { params: containerIdParam, response: answer<ContainerDetail>() },
  'DELETE /api/containers/:id': { params: containerIdParam, body: removeContainerBody, response: answer<ContainerActionResult>() },
  'POST /api/containers/:id/:action': { params: lifecycleActionParam, response: answer<ContainerActionResult>() },
  /** the body is optional (`{signal}` defaults to SIGKILL), so the route reads it itself */
  'POST /api/containers/:id/kill': { params: containerIdParam, body: killBody, response: answer<ContainerActionResult>() },
  'POST /api/containers/:id/rename': { params: containerIdParam, body: renameBody, response: answer<ContainerActionResult>() },
  /** the engine's inspect document, env values masked below admin */
  'GET /api/containers/:id/inspect': { params: containerIdParam, response: answer<Record<string, unknown>>() },
  'GET /api/containers/:id/logs': { params: containerIdParam, query: logsDownloadQuery, response: notJson() },
  'GET /api/containers/:id/files': { params: containerIdParam, query: pathQuery, response: answer<FileEntry[]>() },
  /** the body is the file's bytes (Content-Length required), not JSON */
  'PUT /api/containers/:id/files': { params: containerIdParam, query: fileUploadQuery, response: answer<{ path: string; size: number; replaced: boolean }>() },
  'GET /api/containers/:id/files/download': { params: containerIdParam, query: fileDownloadQuery, response: notJson() },

  // ---- stacks and operations ----
  'GET /api/stacks': { response: answer<StackListItem[]>() },
  'POST /api/stacks': { body: createStackBody, response: answer<{ name: string; dir: string }>() },
  'GET /api/stacks/:name': { params: stackParam, response: answer<StackDetail>() },
  'DELETE /api/stacks/:name': { params: stackParam, body: deleteStackBody, response: answer<{ deleted: string }>() },
  'GET /api/stacks/:name/files': { params: stackParam, query: filesQuery, response: answer<StackFiles>() },
  'PUT /api/stacks/:name/files': { params: stackParam, body: putFilesBody, response: answer<{ saved: string[] }>() },
  'GET /api/stacks/:name/files/history': { params: stackParam, response: answer<FileVersion[]>() },
  'POST /api/stacks/:name/files/history/:version/restore': { params: versionParam, response: answer<{ restored: string }>() },
  'GET /api/stacks/:name/operations': { params: stackParam, response: answer<OperationRecord[]>() },
  'POST /api/stacks/:name/operations': { params: stackParam, body: operationBody, response: answer<StartedJob>() },
  'POST /api/stacks/:name/services/:service/scale': { params: stackServiceParam, body: scaleBody, response: answer<StartedJob>() },
  'POST /api/stacks/:name/services/:service/update': { params: serviceUpdateParams, response: answer<StartedJob>() },
  'GET /api/operations': { response: answer<OperationsOverview>() },
  'GET /api/operations/:id': { params: operationIdParam, response: answer<OperationRecord>() },

  // ---- images, volumes, networks, updates, registries ----
  'GET /api/images': { response: answer<ImageSummary[]>() },
  'DELETE /api/images/:id': { params: imageIdParam, response: answer<{ deleted: string[] }>() },
  'POST /api/images/pull': { body: pullImageBody, response: answer<StartedJob>() },
  'GET /api/images/pull/:id': { params: pullIdParam, response: answer<PullState>() },
  'GET /api/images/prune': { response: answer<PrunePreview>() },
  'POST /api/images/prune': { body: pruneImagesBody, response: answer<PruneResult>() },
  'GET /api/volumes': { query: volumeListQuery, response: answer<VolumeSummary[]>() },
  'DELETE /api/volumes/:name': { params: volumeNameParam, response: answer<{ removed: string[] }>() },
  'POST /api/volumes/prune': { body: removeUnusedBody, response: answer<RemoveUnusedResult>() },
  'GET /api/volumes/:name/files': { params: volumeNameParam, query: pathQuery, response: answer<FileEntry[]>() },
  'GET /api/volumes/:name/files/download': { params: volumeNameParam, query: fileDownloadQuery, response: notJson() },
  'GET /api/networks': { response: answer<NetworkSummary[]>() },
  'DELETE /api/networks/:id': { params: networkIdParam, response: answer<{ removed: string[] }>() },
  'POST /api/networks/prune': { body: removeUnusedBody, response: answer<RemoveUnusedResult>() },
  'GET /api/updates': { response: answer<UpdateInfo[]>() },
  /** 202 `{started}` at once; with `?wait=1` the results when the check ends. The route reads the optional body itself. */
  'POST /api/updates/check': { body: updateCheckBody, response: answer<{ started: boolean } | UpdateInfo[]>() },
  'GET /api/updates/jobs/:id': { params: updateJobParam, response: answer<UpdateJob>() },
  'GET /api/registries': { response: answer<RegistryCredentialView[]>() },
  'POST /api/registries': { body: registryCredentialBody, response: answer<{ registry: string; username: string }>() },
  'DELETE /api/registries/:registry': { params: registryParam, response: answer<{ deleted: string }>() },

  // ---- slots ----
  'GET /api/slots': { response: answer<SlotGroup[]>() },
  'GET /api/slots/history': { query: slotHistoryQuery, response: answer<SwitchRecord[]>() },
  'GET /api/slots/images': { response: answer<LocalImage[]>() },
  'POST /api/slots/:group/switch': { params: slotGroupParam, body: switchBody, response: answer<SwitchResult>() },
  'POST /api/slots/:group/deploy': { params: slotGroupParam, body: deployBody, response: answer<DeployResult>() },
  'GET /api/settings/slot-images': { response: answer<SlotImagesSetting>() },
  'PUT /api/settings/slot-images': { body: slotImagesBody, response: answer<SlotImagesSetting>() },

  // ---- backups ----
  'GET /api/backups': { query: backupListQuery, response: answer<BackupView[]>() },
  'POST /api/backups': { body: createBackupBody, response: answer<StartedJob<number>>() },
  'GET /api/backups/targets': { response: answer<BackupTarget[]>() },
  'POST /api/backups/prove': { body: proveTargetBody, response: answer<BackupProof>() },
  'GET /api/backups/:id': { params: backupIdParam, response: answer<BackupView>() },
  'DELETE /api/backups/:id': { params: backupIdParam, response: answer<BackupView & { deleted: true }>() },
  'GET /api/backups/:id/download': { params: backupIdParam, response: notJson() },
  'POST /api/backups/:id/restore': { params: backupIdParam, body: restoreBackupBody, response: answer<OkResult & RestoreResult>() },

  // ---- health, stats, events, alerts, notifications ----
  'GET /api/health/containers': { response: answer<ContainerHealthReport[]>() },
  'GET /api/stats/collectors': { response: answer<CollectorInfo[]>() },
  'GET /api/events': { query: eventsQuery, response: answer<TimelineEvent[]>() },
  'GET /api/events/error-rate': { query: errorRateQuery, response: answer<ErrorRatePoint[]>() },
  'GET /api/alerts': { query: alertsQuery, response: answer<Alert[]>() },
  'GET /api/alerts/deliveries': { query: alertsQuery, response: answer<AlertDelivery[]>() },
  'GET /api/alerts/rules': { response: answer<AlertRule[]>() },
  'POST /api/alerts/rules': { body: alertRuleBody, response: answer<AlertRule>() },
  'PUT /api/alerts/rules/:id': { params: alertRuleIdParam, body: alertRuleBody, response: answer<AlertRule>() },
  'DELETE /api/alerts/rules/:id': { params: alertRuleIdParam, response: answer<OkResult>() },
  'GET /api/alerts/quiet-hours': { response: answer<QuietHours>() },
  'PUT /api/alerts/quiet-hours': { body: quietHoursBody, response: answer<QuietHours>() },
  'GET /api/notifications/destinations': { response: answer<NotificationDestination[]>() },
  'POST /api/notifications/destinations': { body: createDestinationBody, response: answer<NotificationDestination>() },
  'DELETE /api/notifications/destinations/:id': { params: destinationIdParam, response: answer<OkResult>() },
  'POST /api/notifications/destinations/:id/test': { params: destinationIdParam, response: answer<NotificationDelivery>() },
  /** the audit log's `limit` */
  'GET /api/notifications/deliveries': { query: auditQuery, response: answer<NotificationDelivery[]>() },

  // ---- environments and swarm ----
  'GET /api/environments': { query: environmentListQuery, response: answer<EnvironmentInfo[]>() },
  'POST /api/environments': { body: addEnvironmentBody, response: answer<EnvironmentInfo>() },
  'DELETE /api/environments/:name': { params: environmentNameParam, response: answer<OkResult>() },
  'GET /api/swarm': { response: answer<SwarmStatus>() },
  'GET /api/swarm/images': { response: answer<LocalImage[]>() },
  'GET /api/swarm/services': { response: answer<SwarmServicesResponse>() },
  'GET /api/swarm/services/:id': { params: swarmServiceParam, response: answer<SwarmServiceDetail>() },
  'POST /api/swarm/services/:id/scale': { params: swarmServiceParam, body: swarmScaleBody, response: answer<SwarmChangeResult>() },
  'POST /api/swarm/services/:id/update': { params: swarmServiceParam, body: swarmUpdateBody, response: answer<SwarmChangeResult>() },
  'POST /api/swarm/services/:id/rollback': { params: swarmServiceParam, response: answer<SwarmChangeResult>() },
} satisfies Record<`${HttpMethod} /api/${string}`, RouteSpec>;
