/** RFC 9457 problem details: the only error shape any part of the system answers with (libs/contract). */
import type { FieldError, Problem } from '@todo-bus/contract';

export type { FieldError, Problem };

export const problemTypes = {
  validation: 'https://todo-bus.dev/problems/validation',
  generic: 'about:blank',
} as const;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function titleFor(status: number): string {
  return titles[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/**
 * Throw one of these (or a domain error extending it) from a route or service, and the error handler
 * answers it as problem+json. Only 4xx details are shown to clients.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  /** Sent as `Retry-After` (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    detail: string,
    options: { type?: string; errors?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'ProblemError';
    this.status = status;
    this.type = options.type ?? problemTypes.generic;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toProblem(): Problem {
    return {
      type: this.type,
      title: titleFor(this.status),
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}
