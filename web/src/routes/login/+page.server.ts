import { fail } from '@sveltejs/kit';
import { readCredentials } from '#lib/server/credentials.ts';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request }) => {
    const credentials = readCredentials(await request.formData(), 'login');
    if (!credentials.ok) return fail(400, { email: credentials.email, message: credentials.message });

    // TODO(auth issue): POST /api/auth/login through apiFetch, keep the tokens in HttpOnly cookies and
    // redirect(303, '/'). Until then the form answers 501.
    return fail(501, { email: credentials.email, message: 'Signing in is not available yet.' });
  },
} satisfies Actions;
