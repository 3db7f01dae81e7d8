import { ProblemError } from '@todo-bus/http';

export class TodoNotFoundError extends ProblemError {
  constructor() {
    super(404, 'There is no such todo.');
  }
}

/**
 * 409, not 403 or 422: the request is well-formed and the caller is allowed to create todos; it conflicts
 * with the current state of their list (it is full), and the caller can resolve that by deleting some.
 */
export class TodoQuotaExceededError extends ProblemError {
  constructor(quota: number) {
    super(409, `A user can keep at most ${quota} todos. Delete some to add more.`, {
      type: 'https://todo-bus.dev/problems/todo-quota-exceeded',
    });
  }
}
