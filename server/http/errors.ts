// Errors that map to an HTTP status. Route code is bundled by Next apart from the custom server,
// so `instanceof` cannot be trusted across the two copies: a global symbol brands them instead.
const BRAND = Symbol.for('slipway.HttpError');

export class HttpError extends Error {
  readonly [BRAND] = true;
  constructor(public status: number, message: string, public extra: Record<string, unknown> = {}) {
    super(message);
  }
}

export function isHttpError(e: unknown): e is HttpError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** dockerode errors carry the engine's status code; map the ones that mean bad input or conflict. */
export function fromDockerError(e: unknown): HttpError | null {
  const err = e as { statusCode?: number; json?: { message?: string }; message?: string; code?: string };
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOENT' || err?.code === 'EPIPE' || err?.code === 'ECONNRESET')
    return new HttpError(503, 'Docker engine is not reachable');
  const status = err?.statusCode;
  const message = err?.json?.message ?? err?.message ?? 'Docker error';
  if (status === 404) return new HttpError(404, message);
  if (status === 409) return new HttpError(409, message);
  if (status === 304) return new HttpError(409, message);
  if (status === 400) return new HttpError(400, message);
  // An id prefix that matches several containers: Docker 20.10 answers 500, newer engines 400. Bad input
  // either way (seen with `/api/containers/0/logs` while test containers came and went).
  if (/multiple IDs found with provided prefix/i.test(message)) return new HttpError(400, `${message}: give more of the id, or the name`);
  // "not implemented" for this container (e.g. its logging driver cannot be read): a state of the target, not our failure
  if (status === 501) return new HttpError(409, message);
  // the engine failed (e.g. a log file removed under a container being deleted): its error, not ours
  if (status !== undefined && status >= 500) return new HttpError(502, `Docker engine error: ${message}`);
  return null;
}
