// A JSON body that may be left out entirely (kill's `{signal?}`): empty means `{}`, anything else must be
// JSON that the schema accepts (400 otherwise).
import type { z, ZodTypeAny } from 'zod';
import { HttpError } from './errors';
import { describeZod } from './route-handler';

export async function optionalJsonBody<S extends ZodTypeAny>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'body must be JSON');
    }
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, describeZod(r.error, 'body'), { issues: r.error.issues });
  return r.data;
}
