import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { tracingEnabled } from './tracing.ts';

export { SpanKind };

/** W3C trace context as it travels in headers, CloudEvents extensions and NATS message headers. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The active span's context as W3C headers (empty when tracing is off or nothing is active). */
export function traceHeaders(from: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);
  return carrier;
}

export function currentTraceparent(): string | undefined {
  return traceHeaders().traceparent;
}

export function contextFromTraceparent(carrier: TraceCarrier): Context {
  return propagation.extract(context.active(), carrier);
}

const tracer = () => trace.getTracer('todo-bus');
const noSpan = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Runs `work` in a span that continues the trace in `parent` (a carrier from a message or an event), so
 * one trace follows a change from the browser's request through the outbox and NATS to the consumers.
 */
export async function withSpan<T>(
  name: string,
  options: {
    kind: SpanKind;
    parent?: TraceCarrier | undefined;
    attributes?: Record<string, string | number>;
  },
  work: (span: Span) => Promise<T> | T,
): Promise<T> {
  // Off means free: no context lookups, no span objects.
  if (!tracingEnabled()) return work(noSpan);
  const parentContext = options.parent ? contextFromTraceparent(options.parent) : context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes ?? {} },
    parentContext,
  );
  try {
    return await context.with(trace.setSpan(parentContext, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
