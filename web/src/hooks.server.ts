import type { Handle } from '@sveltejs/kit/hooks';
import { readRequestId, withHeader } from '#lib/server/request-id.ts';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = readRequestId(event.request.headers);
  // TODO(auth issue): resolve the session from the HttpOnly token cookies (refreshing when the access
  // token has expired) into locals.user.
  event.locals.user = null;

  const response = await resolve(event);
  return event.locals.requestId ? withHeader(response, 'x-request-id', event.locals.requestId) : response;
};
