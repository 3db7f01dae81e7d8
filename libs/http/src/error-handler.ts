import { fieldPath, type FieldLocation } from '@todo-bus/contract';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ProblemError, problemTypes, titleFor, type FieldError, type Problem } from './problem.ts';

const problemContentType = 'application/problem+json';

interface ValidationIssue {
  keyword?: string;
  instancePath: string;
  message?: string;
  params?: { keys?: unknown };
}

/**
 * One entry per offending field, named as the contract says (`querystring.limit`, which the web app reads);
 * an unknown key is named itself (`body.colour`), not its parent object.
 */
function fieldErrors(location: FieldLocation, issue: ValidationIssue): FieldError[] {
  const path = issue.instancePath.split('/').filter(Boolean);
  const unknownKeys =
    issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params?.keys) ? issue.params.keys : [];
  if (unknownKeys.length > 0) {
    return unknownKeys.map((key) => ({
      field: fieldPath(location, ...path, String(key)),
      message: 'is not a known field',
    }));
  }
  return [{ field: fieldPath(location, ...path), message: issue.message ?? 'is invalid' }];
}

function validationProblem(error: FastifyError & { validation: ValidationIssue[] }) {
  const location = error.validationContext ?? 'body';
  const errors = error.validation.flatMap((issue) => fieldErrors(location, issue));
  return new ProblemError(400, 'The request is invalid.', { type: problemTypes.validation, errors });
}

/**
 * Errors of the libs below HTTP (libs/db, libs/token-verifier), which speak their own domain and never import
 * this lib: known here by name. A `retryAfterSeconds` they carry becomes `Retry-After`.
 */
const lowerLayerStatuses: Record<string, number> = {
  DatabaseBusyError: 503,
  UnauthenticatedError: 401,
};

function asProblemError(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (!(error instanceof Error)) return undefined;
  const status = lowerLayerStatuses[error.name];
  if (status === undefined) return undefined;
  const { retryAfterSeconds } = error as { retryAfterSeconds?: unknown };
  return new ProblemError(status, error.message, {
    cause: error,
    ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
  });
}

function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return error.toProblem();
  if (hasZodFastifySchemaValidationErrors(error)) return validationProblem(error).toProblem();
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, body too large, rate limited...) explain themselves.
    return { type: problemTypes.generic, title: titleFor(status), status, detail: (error as Error).message };
  }
  const serverStatus = typeof status === 'number' && status >= 500 && status < 600 ? status : 500;
  return {
    type: problemTypes.generic,
    title: titleFor(serverStatus),
    status: serverStatus,
    detail: 'The server could not complete the request.',
  };
}

/** One place maps every error to problem+json; 5xx bodies never carry internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = asProblemError(error);
    const problem = toProblem(known ?? error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, detail: problem.detail }, 'request rejected');
    if (known?.retryAfterSeconds !== undefined) reply.header('retry-after', known.retryAfterSeconds);
    return reply.code(problem.status).type(problemContentType).send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const problem = new ProblemError(404, `No route for ${request.method} ${request.url.split('?')[0]}.`);
    return reply.code(404).type(problemContentType).send(problem.toProblem());
  });
}
