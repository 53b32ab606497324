// Forms check their body with the route's own contract schema before sending (issue 16): the same rules, the
// same messages, no round trip for a typo. The server parses again; this is only the early answer.
import type { z, ZodTypeAny } from 'zod';

/**
 * The body unchanged when `schema` accepts it (the server applies defaults and transforms itself), else an
 * Error naming the first problem's field, e.g. "username: letters, digits, _ . - only".
 */
export function checkedBody<S extends ZodTypeAny>(schema: S, body: unknown): z.input<S> {
  const r = schema.safeParse(body);
  // accepted by the schema, so a valid input of it (sent as is, not the parsed output)
  if (r.success) return body as z.input<S>;
  const issue = r.error.issues[0];
  throw new Error(issue ? `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'invalid input');
}
