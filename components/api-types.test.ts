// api() infers each call's answer and body from the contract's route map (types only: nothing is fetched).
import { describe, expectTypeOf, it } from 'vitest';
import type { api } from './api';
import type { ApiBody, BackupView, HealthResponse, LocalImage, OkResult, RestoreResult, StackFiles } from '@/server/contract';

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe('api()', () => {
  it('infers the answer from the method and the path', () => {
    expectTypeOf<Answer<typeof api<'/api/health', 'GET'>>>().toEqualTypeOf<HealthResponse>();
    expectTypeOf<Answer<typeof api<'/api/slots/images', 'GET'>>>().toEqualTypeOf<LocalImage[]>();
    expectTypeOf<Answer<typeof api<`/api/backups?limit=${number}`, 'GET'>>>().toEqualTypeOf<BackupView[]>();
    expectTypeOf<Answer<typeof api<`/api/backups/${number}/restore`, 'POST'>>>().toEqualTypeOf<OkResult & RestoreResult>();
    expectTypeOf<Answer<typeof api<`/api/stacks/${string}/files?file=${string}`, 'GET'>>>().toEqualTypeOf<StackFiles>();
  });
  it('types the body by the route schema', () => {
    expectTypeOf<Parameters<typeof api<`/api/slots/${string}/switch`, 'POST'>>[1]>().toMatchTypeOf<{ json: ApiBody<'POST /api/slots/:group/switch'> } | undefined>();
  });
  it('answers a path no route takes with a "no route" marker, not data', () => {
    expectTypeOf<Answer<typeof api<`/api/containers/${string}/files`, 'DELETE'>>>().toEqualTypeOf<{ noRoute: `DELETE /api/containers/${string}/files` }>();
  });
});
