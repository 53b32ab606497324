// Which route a method and a path reach, at the type level (the typecheck runs these; vitest runs them too).
import { describe, expectTypeOf, it } from 'vitest';
import type { ApiBody, ApiPath, ApiResponse, RouteFor } from './route-match';
import type { LocalImage } from './images';
import type { RestoreResult, BackupView } from './backups';
import type { HealthResponse, OkResult } from './core';
import type { VolumeSummary } from './resources';

describe('RouteFor', () => {
  it('finds literal paths and their answers', () => {
    expectTypeOf<RouteFor<'GET', '/api/health'>>().toEqualTypeOf<'GET /api/health'>();
    expectTypeOf<ApiResponse<RouteFor<'GET', '/api/health'>>>().toEqualTypeOf<HealthResponse>();
    expectTypeOf<ApiResponse<RouteFor<'GET', '/api/slots/images'>>>().toEqualTypeOf<LocalImage[]>();
    expectTypeOf<ApiResponse<RouteFor<'GET', '/api/swarm/images'>>>().toEqualTypeOf<LocalImage[]>();
  });

  it('matches interpolated segments to parameters', () => {
    expectTypeOf<RouteFor<'GET', `/api/backups/${number}`>>().toEqualTypeOf<'GET /api/backups/:id'>();
    expectTypeOf<ApiResponse<RouteFor<'POST', `/api/backups/${number}/restore`>>>().toEqualTypeOf<OkResult & RestoreResult>();
    expectTypeOf<RouteFor<'GET', `/api/containers/${string}/inspect`>>().toEqualTypeOf<'GET /api/containers/:id/inspect'>();
  });

  it('prefers a static segment to a parameter, as Next.js does', () => {
    expectTypeOf<RouteFor<'GET', '/api/backups/targets'>>().toEqualTypeOf<'GET /api/backups/targets'>();
    expectTypeOf<RouteFor<'POST', `/api/containers/${string}/kill`>>().toEqualTypeOf<'POST /api/containers/:id/kill'>();
    expectTypeOf<RouteFor<'POST', `/api/containers/${string}/start`>>().toEqualTypeOf<'POST /api/containers/:id/:action'>();
    // an interpolated segment is never taken for a static one
    expectTypeOf<RouteFor<'GET', `/api/backups/${string}`>>().toEqualTypeOf<'GET /api/backups/:id'>();
  });

  it('ignores the query string', () => {
    expectTypeOf<RouteFor<'GET', '/api/volumes?sizes=1'>>().toEqualTypeOf<'GET /api/volumes'>();
    expectTypeOf<ApiResponse<RouteFor<'GET', `/api/backups?limit=${number}`>>>().toEqualTypeOf<BackupView[]>();
    expectTypeOf<ApiResponse<RouteFor<'GET', '/api/volumes' | '/api/volumes?sizes=1'>>>().toEqualTypeOf<VolumeSummary[]>();
  });

  it('finds nothing for a method or path the API does not have, nor for non-JSON routes', () => {
    expectTypeOf<RouteFor<'DELETE', `/api/containers/${string}/files`>>().toBeNever();
    expectTypeOf<RouteFor<'GET', '/api/nothing'>>().toBeNever();
    expectTypeOf<RouteFor<'GET', `/api/containers/${string}/inspect/extra`>>().toBeNever();
    // a download is a link, not api(): it is not a JSON route
    expectTypeOf<RouteFor<'GET', `/api/containers/${string}/logs?tail=100`>>().toBeNever();
  });

  it('accepts template paths of JSON routes only', () => {
    expectTypeOf<`/api/containers/${string}/inspect`>().toMatchTypeOf<ApiPath>();
    expectTypeOf<'/api/auth/me'>().toMatchTypeOf<ApiPath>();
    expectTypeOf<'/healthz'>().not.toMatchTypeOf<ApiPath>();
    expectTypeOf<string>().not.toMatchTypeOf<ApiPath>();
  });

  it('types bodies by the schema input', () => {
    expectTypeOf<ApiBody<'POST /api/slots/:group/switch'>>().toEqualTypeOf<{ to: 'blue' | 'green' }>();
    expectTypeOf<ApiBody<'GET /api/slots'>>().toBeUndefined();
  });
});
