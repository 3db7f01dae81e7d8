import { redirect } from '@sveltejs/kit';
import { authApi } from '#lib/server/api.ts';
import { authAction } from '#lib/server/auth-actions.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/');
};

export const actions = {
  default: authAction('login', () => authApi()),
} satisfies Actions;
