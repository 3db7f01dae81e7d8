import { error, redirect } from '@sveltejs/kit';
import { todoSchema } from '@todo-bus/contract';
import { ApiError, apiJson } from '#lib/server/api.ts';
import { toState } from '#lib/todos/todo-list.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
  if (locals.sessionUnavailable)
    error(503, 'Signing in is unavailable right now. Please try again in a moment.');
  if (!locals.user) redirect(303, '/login');
  // Someone's own list: never kept by a shared cache, nor shown again from the back/forward cache.
  setHeaders({ 'cache-control': 'private, no-store' });
  try {
    const todos = await apiJson('/api/todos', todoSchema.array());
    return { todos: todos.map(toState) };
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 401) redirect(303, '/login');
    error(503, 'Your todos could not be loaded right now. Please try again in a moment.');
  }
};
