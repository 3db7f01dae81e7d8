/** Health and readiness, metrics (Prometheus) and tracing (OpenTelemetry, W3C traceparent) for every part. Tracing is off unless started. */
export { metricsPlugin } from './metrics.plugin.ts';
export { operationsPlugin } from './operations.plugin.ts';
export { healthPlugin } from './health.plugin.ts';
export { startTracing, type Tracing } from './tracing.ts';
export { tracingPlugin, requestTraceHeaders } from './tracing.plugin.ts';
export { traceHeaders, withSpan, SpanKind } from './propagation.ts';
export type { Registry } from 'prom-client';
