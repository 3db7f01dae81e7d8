import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTraceparent } from '../src/propagation.ts';
import {
  metricsPlugin,
  operationsPlugin,
  SpanKind,
  startTracing,
  tracingPlugin,
  withSpan,
  type Tracing,
} from '../src/index.ts';

describe('metricsPlugin', () => {
  it('exposes request latency by route pattern and status, plus process metrics, on the operations port only', async () => {
    const app = Fastify();
    await app.register(operationsPlugin);
    await app.register(metricsPlugin);
    app.get('/things/:id', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/things/1' });
    await app.inject({ method: 'GET', url: '/things/2' });
    await app.inject({ method: 'GET', url: '/nowhere' });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const scrape = await app.operations.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(scrape.body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/things/:id",status_code="200"} 2',
    );
    expect(scrape.body).toContain('route="unmatched",status_code="404"');
    expect(scrape.body).toContain('process_resident_memory_bytes');
    await app.close();
  });
});

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  beforeAll(() => {
    tracing = startTracing({ serviceName: 'test', exporter });
  });
  afterAll(() => tracing.shutdown());

  it('continues an incoming traceparent into the server span, nested spans and outgoing carriers', async () => {
    const app = Fastify();
    await app.register(tracingPlugin);
    let propagated: string | undefined;
    app.get('/work', async () => {
      await withSpan('outbox write', { kind: SpanKind.INTERNAL }, async () => {
        propagated = currentTraceparent();
      });
      return { ok: true };
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await app.inject({
      method: 'GET',
      url: '/work',
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    await app.close();
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThanOrEqual(2);
    expect(spans.every((span) => span.spanContext().traceId === traceId)).toBe(true);
    expect(spans.map((span) => span.name)).toContain('outbox write');
    expect(propagated).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('starts a consumer span from a carrier that arrived with a message', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await withSpan(
      'consume',
      { kind: SpanKind.CONSUMER, parent: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } },
      () => undefined,
    );
    const consume = exporter.getFinishedSpans().find((span) => span.name === 'consume');
    expect(consume?.spanContext().traceId).toBe(traceId);
  });
});
