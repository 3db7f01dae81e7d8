import { authApi } from '#lib/server/api.ts';
import { renewSession } from '#lib/server/session-endpoint.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => renewSession(event, authApi(event.locals));
