import otel from '@fastify/otel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tracingEnabled } from './tracing.ts';

/**
 * A server span per request (continuing an incoming `traceparent`) when tracing is on; nothing when off.
 * @fastify/otel is the maintained Fastify instrumentation: it also keeps the span active in handlers.
 */
async function tracing(app: FastifyInstance) {
  if (!tracingEnabled()) return;
  const instrumentation = new otel.FastifyOtelInstrumentation({
    ignorePaths: (route: { url: string }) => ['/healthz', '/readyz', '/metrics'].includes(route.url),
  });
  await app.register(instrumentation.plugin());
}

export const tracingPlugin = fp(tracing, { name: 'tracing' });

/** The request span's trace context as headers, to pass on to an upstream (empty when tracing is off). */
export function requestTraceHeaders(request: FastifyRequest): Record<string, string> {
  if (!tracingEnabled() || typeof request.opentelemetry !== 'function') return {};
  const otelContext = request.opentelemetry();
  const carrier: Record<string, string> = {};
  if (otelContext.enabled) otelContext.inject(carrier);
  return carrier;
}
