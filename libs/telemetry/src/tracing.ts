import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  serviceName: string;
  /** `none` (the default) costs nothing: no provider, no propagator, every span a no-op. */
  exporter: 'none' | 'otlp' | SpanExporter;
  /** OTLP/HTTP base URL, e.g. http://collector:4318 (the exporter appends /v1/traces). */
  endpoint?: string | undefined;
  /** How long spans wait before export (ms). */
  exportDelayMs?: number;
}

export interface Tracing {
  enabled: boolean;
  shutdown(): Promise<void>;
}

let enabled = false;

/** Whether this process records spans (tracing is process-wide in OpenTelemetry). */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Call once in main.ts, before building the app. */
export function startTracing({
  serviceName,
  exporter,
  endpoint,
  exportDelayMs = 1_000,
}: TracingOptions): Tracing {
  if (exporter === 'none') return { enabled: false, shutdown: async () => {} };
  const processor =
    exporter === 'otlp'
      ? new BatchSpanProcessor({
          exporter: new OTLPTraceExporter(endpoint ? { url: new URL('/v1/traces', endpoint).href } : {}),
          scheduledDelayMillis: exportDelayMs,
        })
      : new SimpleSpanProcessor({ exporter });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
  return {
    enabled: true,
    async shutdown() {
      await provider.shutdown();
      enabled = false;
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
