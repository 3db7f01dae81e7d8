import { ProblemError } from '@todo-bus/http';

export class TodoNotFoundError extends ProblemError {
  constructor() {
    super(404, 'There is no such todo.');
  }
}
