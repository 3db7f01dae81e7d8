// Turns problem+json answers (RFC 9457) into what a person reads: a message next to the field it is about,
// or one sentence when it is about no field. Shared by the server's form actions and the browser's list.
import { fieldName, problemSchema, type Problem } from '@todo-bus/contract';

export { fieldName };

const fieldLabels: Readonly<Record<string, string>> = {
  email: 'Email',
  password: 'Password',
  title: 'Title',
  completed: 'Completed',
  order: 'Order',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * One field error as a sentence. The API words them to follow the field's name ("is already registered"),
 * so they get the label in front; a message that is already a sentence is kept.
 */
export function fieldMessage(name: string, message: string): string {
  if (!/^[a-z]/.test(message)) return sentence(message);
  const label = fieldLabels[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
  return sentence(`${label} ${message}`);
}

/** What a person should read about a failed call: the detail, else what the status means. */
export function problemMessage(problem: Problem): string {
  if (problem.status === 0) return 'The server could not be reached. Check your connection.';
  if (problem.status === 429) return sentence(problem.detail ?? 'Too many attempts. Try again in a minute');
  if (problem.status >= 500) return 'The service is unavailable right now. Please try again.';
  const errors = problem.errors ?? [];
  if (errors.length > 0) {
    return errors.map((error) => fieldMessage(fieldName(error.field), error.message)).join(' ');
  }
  return sentence(problem.detail ?? problem.title);
}

export interface MappedProblem<F extends string> {
  /** Messages to show next to the inputs, by input name. */
  fields: Partial<Record<F, string>>;
  /** What is about no input (null when every error found its field). */
  message: string | null;
}

/** Splits a problem into messages for the form's `fields` and one message for the rest. */
export function mapProblem<F extends string>(problem: Problem, fields: readonly F[]): MappedProblem<F> {
  const known = new Set<string>(fields);
  const mapped: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const error of problem.errors ?? []) {
    const name = fieldName(error.field);
    const message = fieldMessage(name, error.message);
    if (known.has(name)) mapped[name as F] ??= message;
    else rest.push(message);
  }
  const anyField = Object.keys(mapped).length > 0;
  if (rest.length > 0) return { fields: mapped, message: rest.join(' ') };
  return { fields: mapped, message: anyField ? null : problemMessage(problem) };
}

/** The problem+json body of an error answer, or a generic problem when the body is not one. */
export async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
  };
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(contentType)) return fallback;
  try {
    // Partial: a problem from anything on the way (a proxy, the gateway) may lack fields; what it has must fit.
    const problem = problemSchema.partial().safeParse(await response.json());
    if (!problem.success) return fallback;
    return { ...fallback, ...problem.data, status: response.status };
  } catch {
    return fallback;
  }
}
