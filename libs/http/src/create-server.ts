import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { registerErrorHandling } from './error-handler.ts';
import { clientErrorAsProblem, routerErrorAsProblem } from './framework-errors.ts';
import { registerLenientJsonParser } from './json-parser.ts';
import { requestIdFor } from './request-id.ts';
import { healthPlugin, metricsPlugin, operationsPlugin, tracingPlugin } from '@todo-bus/telemetry';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ServerOptions {
  logger: FastifyBaseLogger;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Which proxies may set X-Forwarded-* (Fastify's `trustProxy`). */
  trustProxy?: boolean | string | string[];
}

/**
 * A Fastify instance with the behaviour every part shares. It never listens: main.ts does, tests inject.
 */
export function createServer({ logger, bodyLimit = 64 * 1024, trustProxy = false }: ServerOptions): App {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit,
    trustProxy,
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'reqId' }),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: routerErrorAsProblem,
    clientErrorHandler: clientErrorAsProblem,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerLenientJsonParser(app);
  registerErrorHandling(app);
  void app.register(operationsPlugin);
  void app.register(healthPlugin);
  void app.register(tracingPlugin);
  void app.register(metricsPlugin);
  return app;
}
