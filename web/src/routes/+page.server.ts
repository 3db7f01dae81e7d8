import type { Todo } from '#lib/types.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  // TODO(todo-list issue): load the caller's todos with apiJson<Todo[]>('/api/todos') (and send anonymous
  // visitors to /login once the auth issue provides the session).
  const todos: Todo[] = [];
  return { user: locals.user, todos };
};
