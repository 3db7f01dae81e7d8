/** Fastify plumbing every part shares: problem+json errors, request ids, health, lenient JSON, OpenAPI. */
export { createServer, type App, type ServerOptions } from './create-server.ts';
export { ProblemError, problemTypes, type Problem, type FieldError } from './problem.ts';
export { registerOpenApi, type OpenApiInfo } from './openapi.ts';
export { isSafeRequestId } from './request-id.ts';
export { runServer, type RunOptions } from './run-server.ts';
export { startService, type StartServiceOptions } from './start-service.ts';
