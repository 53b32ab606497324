// Type-level routing over API_ROUTES: which route a method and a path (a string literal or a template literal
// type such as `/api/containers/${string}/logs?tail=${string}`) reach, chosen as Next.js chooses: segment by
// segment, a static segment before a dynamic one. Types only; the browser's api() uses them to infer answers.
import type { z, ZodTypeAny } from 'zod';
import type { API_ROUTES, HttpMethod, NotJson } from './routes';

export type ApiRoutes = typeof API_ROUTES;
export type ApiRouteKey = keyof ApiRoutes;

/** The JSON answer of a route, e.g. `ApiResponse<'GET /api/backups'>`. */
export type ApiResponse<K extends ApiRouteKey> = ApiRoutes[K]['response'];
/** The JSON body a route takes (the schema's input: defaults may be left out); undefined when it takes none. */
export type ApiBody<K extends ApiRouteKey> = ApiRoutes[K] extends { body: infer B extends ZodTypeAny } ? z.input<B> : undefined;

/** Routes that answer JSON: the ones api() may call. */
type JsonRouteKey = { [K in ApiRouteKey]: ApiResponse<K> extends NotJson ? never : K }[ApiRouteKey];

// ---- patterns as template literal types: `/api/containers/:id` → `/api/containers/${string}` ----
type SegmentTemplate<S extends string> = S extends `:${string}` ? string : S;
type PatternTemplate<S extends string> = S extends `${infer H}/${infer T}` ? `${SegmentTemplate<H>}/${PatternTemplate<T>}` : SegmentTemplate<S>;
type PatternOf<K> = K extends `${string} ${infer P}` ? P : never;

/** Every path api() accepts: a JSON route's pattern, optionally followed by a query string. */
export type ApiPath = { [K in JsonRouteKey]: PatternTemplate<PatternOf<K>> | `${PatternTemplate<PatternOf<K>>}?${string}` }[JsonRouteKey];

// ---- matching a concrete path to a route key ----
type StripQuery<P extends string> = P extends `${infer Base}?${string}` ? Base : P;
type Segments<S extends string> = S extends `${infer H}/${infer T}` ? [H, ...Segments<T>] : [S];

interface Candidate {
  key: string;
  rest: string[];
}
type Candidates<M extends HttpMethod> = JsonRouteKey extends infer K ? (K extends `${M} ${infer P}` ? { key: K; rest: Segments<P> } : never) : never;

/** the candidates whose next segment is this literal one (an interpolated `string` is never literal) */
type StaticStep<H extends string, C extends Candidate> = C extends { key: infer K; rest: [infer P extends string, ...infer R extends string[]] }
  ? P extends `:${string}`
    ? never
    : string extends H
      ? never
      : [H] extends [P]
        ? { key: K; rest: R }
        : never
  : never;
/** the candidates whose next segment is a parameter */
type DynamicStep<C extends Candidate> = C extends { key: infer K; rest: [infer P extends string, ...infer R extends string[]] } ? (P extends `:${string}` ? { key: K; rest: R } : never) : never;

type Narrow<A extends string[], C extends Candidate> = [C] extends [never]
  ? never
  : A extends [infer H extends string, ...infer T extends string[]]
    ? Narrow<T, [StaticStep<H, C>] extends [never] ? DynamicStep<C> : StaticStep<H, C>>
    : C extends { key: infer K; rest: [] }
      ? K
      : never;

/** The route a method and path reach; never when none does. */
export type RouteFor<M extends HttpMethod, P extends string> = P extends string ? Extract<Narrow<Segments<StripQuery<P>>, Candidates<M>>, ApiRouteKey> : never;
