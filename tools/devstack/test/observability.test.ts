// One trace across HTTP and NATS, and /metrics after traffic, on the whole system (OTLP/HTTP JSON into a
// receiver this test runs).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../src/system.ts';
import { readEvents } from './sse.ts';

interface ExportedSpan {
  service: string;
  name: string;
  traceId: string;
  kind: number;
}

const spans: ExportedSpan[] = [];
let receiver: Server;
let system: RunningSystem;
let session: { accessToken: string; user: { id: string } };

/** Collects what the parts export, as an OpenTelemetry collector would. */
function startOtlpReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      type Payload = {
        resourceSpans?: {
          resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
          scopeSpans?: { spans?: { name: string; traceId: string; kind: number }[] }[];
        }[];
      };
      for (const resourceSpan of (JSON.parse(body || '{}') as Payload).resourceSpans ?? []) {
        const service =
          resourceSpan.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value
            .stringValue ?? '?';
        for (const scope of resourceSpan.scopeSpans ?? [])
          for (const span of scope.spans ?? []) spans.push({ service, ...span });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  const endpoint = await startOtlpReceiver();
  system = await startSystem({
    ports: 'free',
    isolated: true,
    log: () => {},
    env: {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
  const registered = await fetch(`${system.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `trace-${Date.now()}@example.com`, password: 'trace-me-please' }),
  });
  session = (await registered.json()) as typeof session;
}, 300_000);

afterAll(async () => {
  await system?.stop();
  receiver?.close();
});

async function spansOf(
  traceId: string,
  expected: (found: ExportedSpan[]) => boolean,
): Promise<ExportedSpan[]> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const found = spans.filter((span) => span.traceId === traceId);
    if (expected(found)) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return spans.filter((span) => span.traceId === traceId);
}

describe('tracing across HTTP and NATS', () => {
  it('follows one trace id from the request through the service, the outbox, NATS, the consumer and the SSE push', async () => {
    const authorization = `Bearer ${session.accessToken}`;
    const events = await fetch(`${system.url}/api/events`, { headers: { authorization } });
    const traceId = randomBytes(16).toString('hex');
    const created = await fetch(`${system.url}/api/todos`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({ title: 'traced' }),
    });
    expect(created.status).toBe(201);
    const isTraced = (event: { data: string }) => event.data.includes('"traced"');
    const received = await readEvents(events.body!, (seen) => seen.some(isTraced));
    const pushed = JSON.parse(received.find(isTraced)?.data ?? '{}') as { traceparent?: string };
    expect(pushed.traceparent).toMatch(new RegExp(`^00-${traceId}-`));

    // Each part exports its spans on its own schedule: wait until every hop has reported, not just the last.
    const hops = [
      (span: ExportedSpan) => span.service === 'gateway' && span.name === 'sse push',
      (span: ExportedSpan) => span.service === 'gateway' && span.kind === 2, // the gateway's server span
      (span: ExportedSpan) => span.service === 'todos' && span.kind === 2, // the service's server span
      (span: ExportedSpan) =>
        span.service === 'todos' && /^publish .*todos\.events\..*todo\.created$/.test(span.name), // relay → NATS
      (span: ExportedSpan) => span.service === 'gateway' && /^consume .*todo\.created$/.test(span.name), // the consumer side
    ];
    const trace = await spansOf(traceId, (found) => hops.every((hop) => found.some(hop)));
    const where = trace.map((span) => `${span.service}: ${span.name}`);
    expect(
      hops.map((hop) => trace.some(hop)),
      where.join(', '),
    ).toEqual(hops.map(() => true));
    await events.body?.cancel();
  });

  it('carries the trace into a durable consumer in another service (user.deleted → todos purge)', async () => {
    const traceId = randomBytes(16).toString('hex');
    const deleted = await fetch(`${system.url}/api/auth/me`, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${session.accessToken}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ password: 'trace-me-please' }),
    });
    expect(deleted.status).toBe(204);
    const trace = await spansOf(traceId, (found) =>
      found.some((span) => span.service === 'todos' && span.name.startsWith('process ')),
    );
    expect(trace.map((span) => `${span.service}: ${span.name}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^auth: publish .*user\.deleted$/),
        expect.stringMatching(/^todos: process .*user\.deleted$/),
      ]),
    );
  });
});

describe('/metrics', () => {
  const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (text: string, pattern: RegExp) => Number(text.match(pattern)?.[1] ?? Number.NaN);

  it('reports request counts, outbox lag and throughput, consumer lag and open SSE streams after some traffic', async () => {
    const login = await fetch(`${system.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `metrics-${Date.now()}@example.com`, password: 'metrics-please' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const stream = await fetch(`${system.url}/api/events`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    for (let i = 0; i < 3; i++) {
      await fetch(`${system.url}/api/todos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `measured ${i}` }),
      });
    }
    // The public port has none: /metrics is a 404 problem there, and only the operations port serves it.
    const publicMetrics = await fetch(`${system.url}/metrics`);
    expect(publicMetrics.status).toBe(404);
    expect(publicMetrics.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const gateway = await scrape(system.operationsPorts.gateway);
    const todos = await scrape(system.operationsPorts.todos);
    expect(
      value(
        gateway,
        /^http_request_duration_seconds_count\{method="POST",route="\/api\/todos",status_code="201"\} (\d+)/m,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(value(gateway, /^sse_open_streams (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(
      value(
        todos,
        /^http_request_duration_seconds_count\{method="POST",route="\/api\/todos",status_code="201"\} (\d+)/m,
      ),
    ).toBeGreaterThanOrEqual(3);
    expect(value(todos, /^outbox_lag_seconds ([\d.e+-]+)/m)).toBeGreaterThanOrEqual(0);
    expect(value(todos, /^outbox_published_total (\d+)/m)).toBeGreaterThanOrEqual(3);
    expect(todos).toMatch(/^consumer_pending_messages\{consumer="todos-user-deleted"\} \d+/m);
    expect(todos).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(value(todos, /^db_pool_connections\{state="total"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    await stream.body?.cancel();
  });
});
