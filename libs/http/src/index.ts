/** Fastify plumbing every part shares: problem+json errors, request ids, health, metrics, lenient JSON, OpenAPI. */
export { createServer, type App } from './create-server.ts';
export { ProblemError, type Problem, type FieldError } from './problem.ts';
export { registerOpenApi } from './openapi.ts';
export { isSafeRequestId } from './request-id.ts';
export { startService } from './start-service.ts';
