import { describe, expect, it } from 'vitest';
import { fromDockerError } from './errors';

describe('engine errors', () => {
  it('maps an ambiguous id prefix to 400, whether the engine says 500 (20.10) or 400', () => {
    for (const statusCode of [500, 400]) {
      const e = fromDockerError({ statusCode, json: { message: 'Multiple IDs found with provided prefix: 0' } });
      expect(e?.status).toBe(400);
      expect(e?.message).toContain('prefix');
    }
  });

  it('keeps 404 for a missing container and 502 for an engine failure', () => {
    expect(fromDockerError({ statusCode: 404, json: { message: 'No such container: zz' } })?.status).toBe(404);
    expect(fromDockerError({ statusCode: 500, json: { message: 'driver failed' } })?.status).toBe(502);
  });
});
