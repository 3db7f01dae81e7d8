import { redirect } from '@sveltejs/kit';
import { authApi } from '#lib/server/api.ts';
import { logoutAction } from '#lib/server/auth-actions.ts';
import type { Actions, PageServerLoad } from './$types';

// Logging out changes state, so only the form's POST does it; a GET (a link, a prefetch) just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions = {
  default: logoutAction(() => authApi()),
} satisfies Actions;
