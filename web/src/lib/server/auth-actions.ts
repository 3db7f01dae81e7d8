// The login, register and logout form actions, written against narrow inputs so they can be tested with
// a fake auth API. The route files bind them to the real one.
import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { refreshTokenCookie } from '@todo-bus/contract';
import { mapProblem } from '../problem.ts';
import { ApiError } from './api-client.ts';
import type { AuthApi, Credentials } from './auth-api.ts';
import { credentialFields, readCredentials, type CredentialField } from './credentials.ts';
import { clearSession, storeSession, type CookieJar } from './session.ts';

/** What the login and register pages get back from a failed submission (never the password). */
export interface AuthFormFailure {
  email: string;
  errors: Partial<Record<CredentialField, string>>;
  message: string | null;
}

export interface ActionInput {
  request: Request;
  cookies: CookieJar;
}

const unavailable = 'The service is unavailable right now. Please try again in a moment.';

function failure(error: unknown, email: string): ActionFailure<AuthFormFailure> {
  if (!(error instanceof ApiError)) return fail(503, { email, errors: {}, message: unavailable });
  const { fields, message } = mapProblem(error.problem, credentialFields);
  return fail(error.status, { email, errors: fields, message });
}

/** Signs in (or registers), keeps the session in the cookies and sends the browser to the list. */
export function authAction(purpose: 'login' | 'register', auth: () => AuthApi) {
  return async ({ request, cookies }: ActionInput): Promise<ActionFailure<AuthFormFailure>> => {
    const credentials = readCredentials(await request.formData(), purpose);
    if (!credentials.ok) {
      return fail(400, { email: credentials.email, errors: credentials.errors, message: null });
    }
    const { email, password }: Credentials = credentials;
    try {
      const session = await (purpose === 'login'
        ? auth().login({ email, password })
        : auth().register({ email, password }));
      storeSession(cookies, session);
    } catch (error) {
      return failure(error, email);
    }
    redirect(303, '/');
  };
}

/**
 * Ends this login everywhere: the auth service revokes the refresh-token family (so no tab or stolen copy
 * can renew it), and the cookies go. The cookies go even when the auth API cannot be reached.
 */
export function logoutAction(auth: () => AuthApi, report: (error: unknown) => void = console.error) {
  return async ({ cookies }: Omit<ActionInput, 'request'>): Promise<never> => {
    const refreshToken = cookies.get(refreshTokenCookie);
    if (refreshToken) await auth().logout(refreshToken).catch(report);
    clearSession(cookies);
    redirect(303, '/login');
  };
}
