// Unknown API paths: 401 without a session (nothing about the API leaks), else a JSON 404.
import { route } from '@/server/http/route-handler';
import { HttpError } from '@/server/http/errors';

const notFound = route({ permission: 'read' }, async ({ req }) => {
  throw new HttpError(404, `no route ${req.method} ${new URL(req.url).pathname}`);
});
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
