// The server functions behind the routes answer what API_ROUTES says they answer (checked by the typecheck; the
// route files hand these results back as they are). Type-only imports: nothing of the server runs here.
import { describe, expectTypeOf, it } from 'vitest';
import type { ApiResponse } from './route-match';
import type { listLocalImages } from '../slots/images';
import type { restoreBackup } from '../backups/restore';
import type { backupView } from '../backups/views';
import type { listTargets } from '../backups/targets-list';
import type { proveTarget } from '../backups/prove';
import type { listSlotGroups } from '../slots/state';
import type { listSwitches } from '../slots/history';
import type { switchSlot } from '../slots/switch';
import type { deployIdle } from '../slots/deploy';
import type { listStacks, stackDetail } from '../stacks/list';
import type { readStackFiles, listVersions } from '../stacks/files';
import type { saveFiles, restoreFileVersion } from '../stacks/save-files';
import type { createStack, deleteStack } from '../stacks/manage';
import type { listImages } from '../images/list-images';
import type { prunePreview, pruneImages } from '../images/prune-images';
import type { listVolumes, removeUnusedVolumes } from '../volumes/volumes';
import type { listNetworks } from '../networks/networks';
import type { listUsers, createUser } from '../auth/users';
import type { listTokens } from '../auth/tokens';
import type { accountSecurity, changeOwnPassword, resetPassword } from '../auth/account';
import type { listOwnSessions } from '../auth/own-sessions';
import type { reauthenticate } from '../auth/reauth';
import type { beginRegistration, beginAuthentication, finishRegistration } from '../auth/passkeys';
import type { beginTotpSetup } from '../auth/second-factor';
import type { getSignInSettings } from '../auth/sign-in-settings';
import type { listAudit } from '../audit/audit-log';
import type { containerDetail } from '../docker/container-detail';
import type { listFiles } from '../files/file-read';
import type { uploadFile } from '../files/file-write';
import type { healthReports } from '../health/health-report';
import type { queryEvents } from '../events/query-events';
import type { listAlerts, listAlertDeliveries } from '../alerts/alerts-store';
import type { listRules, getQuietHours } from '../alerts/rules-store';
import type { listDestinations, listDeliveries } from '../notifications/destinations';
import type { listCredentials } from '../registry/credentials';
import type { swarmStatus } from '../swarm/swarm-engine';
import type { listServicesFromModel, serviceDetailFromModel } from '../swarm/services';
import type { scaleService } from '../swarm/changes';
import type { addEnvironment } from '../environments/manage-environments';
import type { getUpdateJob } from '../updates/apply-update';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer<F extends (...args: any[]) => unknown> = Awaited<ReturnType<F>>;

describe('server answers match API_ROUTES', () => {
  it('slots, swarm and backups', () => {
    expectTypeOf<Answer<typeof listLocalImages>>().toEqualTypeOf<ApiResponse<'GET /api/slots/images'>>();
    expectTypeOf<Answer<typeof listLocalImages>>().toEqualTypeOf<ApiResponse<'GET /api/swarm/images'>>();
    expectTypeOf<Answer<typeof listSlotGroups>>().toEqualTypeOf<ApiResponse<'GET /api/slots'>>();
    expectTypeOf<Answer<typeof listSwitches>>().toEqualTypeOf<ApiResponse<'GET /api/slots/history'>>();
    expectTypeOf<Answer<typeof switchSlot>>().toEqualTypeOf<ApiResponse<'POST /api/slots/:group/switch'>>();
    expectTypeOf<Answer<typeof deployIdle>>().toEqualTypeOf<ApiResponse<'POST /api/slots/:group/deploy'>>();
    expectTypeOf<{ ok: true } & Answer<typeof restoreBackup>>().toEqualTypeOf<ApiResponse<'POST /api/backups/:id/restore'>>();
    expectTypeOf<Answer<typeof backupView>>().toEqualTypeOf<ApiResponse<'GET /api/backups/:id'>>();
    expectTypeOf<Answer<typeof listTargets>>().toEqualTypeOf<ApiResponse<'GET /api/backups/targets'>>();
    expectTypeOf<Answer<typeof proveTarget>>().toEqualTypeOf<ApiResponse<'POST /api/backups/prove'>>();
    expectTypeOf<Answer<typeof swarmStatus>>().toEqualTypeOf<ApiResponse<'GET /api/swarm'>>();
    expectTypeOf<Answer<typeof listServicesFromModel>>().toEqualTypeOf<ApiResponse<'GET /api/swarm/services'>>();
    expectTypeOf<Answer<typeof serviceDetailFromModel>>().toEqualTypeOf<ApiResponse<'GET /api/swarm/services/:id'>>();
    expectTypeOf<Answer<typeof scaleService>>().toEqualTypeOf<ApiResponse<'POST /api/swarm/services/:id/scale'>>();
  });

  it('stacks, images, volumes, networks, containers', () => {
    expectTypeOf<Answer<typeof listStacks>>().toEqualTypeOf<ApiResponse<'GET /api/stacks'>>();
    expectTypeOf<Answer<typeof stackDetail>>().toEqualTypeOf<ApiResponse<'GET /api/stacks/:name'>>();
    expectTypeOf<Answer<typeof readStackFiles>>().toEqualTypeOf<ApiResponse<'GET /api/stacks/:name/files'>>();
    expectTypeOf<Answer<typeof listVersions>>().toEqualTypeOf<ApiResponse<'GET /api/stacks/:name/files/history'>>();
    expectTypeOf<Answer<typeof saveFiles>>().toEqualTypeOf<ApiResponse<'PUT /api/stacks/:name/files'>>();
    expectTypeOf<Answer<typeof restoreFileVersion>>().toEqualTypeOf<ApiResponse<'POST /api/stacks/:name/files/history/:version/restore'>>();
    expectTypeOf<Answer<typeof createStack>>().toEqualTypeOf<ApiResponse<'POST /api/stacks'>>();
    expectTypeOf<Answer<typeof deleteStack>>().toEqualTypeOf<ApiResponse<'DELETE /api/stacks/:name'>>();
    expectTypeOf<Answer<typeof listImages>>().toEqualTypeOf<ApiResponse<'GET /api/images'>>();
    expectTypeOf<Answer<typeof prunePreview>>().toEqualTypeOf<ApiResponse<'GET /api/images/prune'>>();
    expectTypeOf<Answer<typeof pruneImages>>().toEqualTypeOf<ApiResponse<'POST /api/images/prune'>>();
    expectTypeOf<Answer<typeof listVolumes>>().toEqualTypeOf<ApiResponse<'GET /api/volumes'>>();
    expectTypeOf<Answer<typeof removeUnusedVolumes>>().toEqualTypeOf<ApiResponse<'POST /api/volumes/prune'>>();
    expectTypeOf<Answer<typeof listNetworks>>().toEqualTypeOf<ApiResponse<'GET /api/networks'>>();
    expectTypeOf<Answer<typeof containerDetail>>().toEqualTypeOf<ApiResponse<'GET /api/containers/:id'>>();
    expectTypeOf<Answer<typeof listFiles>>().toEqualTypeOf<ApiResponse<'GET /api/containers/:id/files'>>();
    expectTypeOf<Answer<typeof uploadFile>>().toEqualTypeOf<ApiResponse<'PUT /api/containers/:id/files'>>();
  });

  it('sign-in, users, audit', () => {
    expectTypeOf<Answer<typeof listUsers>>().toEqualTypeOf<ApiResponse<'GET /api/users'>>();
    expectTypeOf<Answer<typeof createUser>>().toEqualTypeOf<ApiResponse<'POST /api/users'>>();
    expectTypeOf<Answer<typeof listTokens>>().toEqualTypeOf<ApiResponse<'GET /api/tokens'>>();
    expectTypeOf<Answer<typeof accountSecurity>>().toEqualTypeOf<ApiResponse<'GET /api/auth/security'>>();
    expectTypeOf<Answer<typeof changeOwnPassword>>().toEqualTypeOf<ApiResponse<'POST /api/auth/password'>>();
    expectTypeOf<Answer<typeof resetPassword>>().toEqualTypeOf<ApiResponse<'POST /api/users/:username/password'>>();
    expectTypeOf<Answer<typeof listOwnSessions>>().toEqualTypeOf<ApiResponse<'GET /api/auth/sessions'>>();
    expectTypeOf<Answer<typeof reauthenticate>>().toEqualTypeOf<ApiResponse<'POST /api/auth/reauth'>>();
    expectTypeOf<Answer<typeof beginRegistration>>().toEqualTypeOf<ApiResponse<'POST /api/auth/passkeys'>>();
    expectTypeOf<Answer<typeof beginAuthentication>>().toEqualTypeOf<ApiResponse<'POST /api/auth/passkeys/challenge'>>();
    expectTypeOf<Answer<typeof finishRegistration>>().toEqualTypeOf<ApiResponse<'POST /api/auth/passkeys/register'>>();
    expectTypeOf<Answer<typeof beginTotpSetup>>().toEqualTypeOf<ApiResponse<'POST /api/auth/totp/setup'>>();
    expectTypeOf<Answer<typeof getSignInSettings>>().toEqualTypeOf<ApiResponse<'GET /api/settings/sign-in'>>();
    expectTypeOf<Answer<typeof listAudit>>().toEqualTypeOf<ApiResponse<'GET /api/audit'>>();
  });

  it('health, events, alerts, notifications, registries, environments, updates', () => {
    expectTypeOf<Answer<typeof healthReports>>().toEqualTypeOf<ApiResponse<'GET /api/health/containers'>>();
    expectTypeOf<Answer<typeof queryEvents>>().toEqualTypeOf<ApiResponse<'GET /api/events'>>();
    expectTypeOf<Answer<typeof listAlerts>>().toEqualTypeOf<ApiResponse<'GET /api/alerts'>>();
    expectTypeOf<Answer<typeof listAlertDeliveries>>().toEqualTypeOf<ApiResponse<'GET /api/alerts/deliveries'>>();
    expectTypeOf<Answer<typeof listRules>>().toEqualTypeOf<ApiResponse<'GET /api/alerts/rules'>>();
    expectTypeOf<Answer<typeof getQuietHours>>().toEqualTypeOf<ApiResponse<'GET /api/alerts/quiet-hours'>>();
    expectTypeOf<Answer<typeof listDestinations>>().toEqualTypeOf<ApiResponse<'GET /api/notifications/destinations'>>();
    expectTypeOf<Answer<typeof listDeliveries>>().toEqualTypeOf<ApiResponse<'GET /api/notifications/deliveries'>>();
    expectTypeOf<Answer<typeof listCredentials>>().toEqualTypeOf<ApiResponse<'GET /api/registries'>>();
    expectTypeOf<Answer<typeof addEnvironment>>().toEqualTypeOf<ApiResponse<'POST /api/environments'>>();
    expectTypeOf<NonNullable<Answer<typeof getUpdateJob>>>().toEqualTypeOf<ApiResponse<'GET /api/updates/jobs/:id'>>();
  });
});
