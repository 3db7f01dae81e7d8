// 10,000 generated requests through the gateway: no 5xx, and every 4xx an application/problem+json problem.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFTED_LIMITS } from '../src/bench/bench-system.ts';
import { ApiClient } from '../src/http/api-client.ts';
import { registerUser, type TestUser } from '../src/http/users.ts';
import {
  apiOperations,
  fuzzRequest,
  type FuzzContext,
  type FuzzRequest,
  type OpenApiDocument,
} from '../src/fuzz/fuzz-requests.ts';
import { report, startFaultSystem, type FaultSystem } from './support/fault-system.ts';
import { contractBreach } from './support/problem.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const BATCH = 10;
const BODY_LIMIT = 256 * 1024;

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/**
 * Breaches this suite found that are reported rather than fixed yet (see "Fault and abuse suite" in the
 * README). They are counted in the output; any other breach fails. Two earlier ones were fixed: a lone
 * surrogate in a title (500, now 400) and /api paths no part owns (the web app's HTML, now a 404 problem).
 */
const KNOWN_GAPS: { name: string; matches: (request: FuzzRequest, answer: Answer) => boolean }[] = [
  {
    // Fastify's router refuses the URL before any hook runs and answers with its default JSON error; libs/http
    // could map these through Fastify's `frameworkErrors` option.
    name: 'malformed percent-encoding or a path parameter over 100 characters → 400/414 application/json',
    matches: (_request, answer) => /FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)/.test(answer.body),
  },
  {
    // The gateway checks Content-Length only; a chunked body past the service's own 64 KB limit makes the
    // service close the connection mid-upload, which the proxy reports as an unavailable upstream.
    name: 'chunked body over the service’s limit → 502 or a dropped connection',
    matches: (request, answer) => request.chunked === true && [0, 502].includes(answer.status),
  },
  {
    name: 'request head over 16 KB → Node’s 431 as application/json',
    matches: (request, answer) => request.kind === 'huge-url' && answer.status === 431,
  },
];

async function send(pool: Pool, request: FuzzRequest): Promise<Answer> {
  const response = await pool.request({
    method: request.method,
    path: request.path,
    headers: request.headers,
    ...(request.body === undefined
      ? {}
      : { body: request.chunked ? Readable.from([Buffer.from(request.body)]) : request.body }),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
    // A body the server refuses early is not read to its end: that connection is not reused.
    reset: request.kind.startsWith('huge'),
  });
  const contentType = response.headers['content-type'] as string | undefined;
  if (contentType?.startsWith('text/event-stream')) {
    // A valid /api/events request: a stream that would stay open. Its head is the answer.
    response.body.destroy();
    return { status: response.statusCode, contentType, body: '' };
  }
  return { status: response.statusCode, contentType, body: await response.body.text() };
}

describe('fuzzing the public API through the gateway', () => {
  let running: FaultSystem;
  let pool: Pool;
  let context: FuzzContext;
  let operations: ReturnType<typeof apiOperations>;

  beforeAll(async () => {
    // Limits lifted so that requests reach validation; the security suite tests the limits themselves.
    running = await startFaultSystem({ env: LIFTED_LIMITS });
    pool = new Pool(running.gateway, { connections: BATCH, pipelining: 1 });
    const api = new ApiClient(running.gateway);
    const [user, other]: TestUser[] = [
      await registerUser(api, 'fuzz'),
      await registerUser(api, 'fuzz-other'),
    ];
    if (!user || !other) throw new Error('no fuzz users');
    const todoIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const todo = await api.expect<{ id: string }>(201, {
        method: 'POST',
        path: '/api/todos',
        token: user.accessToken,
        body: { title: `fuzz target ${i}` },
      });
      todoIds.push(todo.id);
    }
    await api.close();
    context = {
      accessToken: user.accessToken,
      otherAccessToken: other.accessToken,
      todoIds,
      bodyLimit: BODY_LIMIT,
    };
    const document = (await (await fetch(`${running.gateway}/docs/json`)).json()) as OpenApiDocument;
    operations = apiOperations(document);
  });
  afterAll(async () => {
    await pool?.close();
    await running?.stop();
  });

  it(`answers ${CASES} generated requests with no 5xx and every 4xx a problem+json, known gaps apart`, async () => {
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/todos',
        'PATCH /api/todos/{id}',
        'POST /api/auth/login',
        'GET /api/events',
      ]),
    );
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    let sent = 0;
    const breaches: string[] = [];
    const gaps = new Map<string, number>();
    let explained5xx = 0;
    // DELETE /api/auth/me with the fuzzing user's own token would end the run's session: it gets a stranger's.
    const keepSession = (request: FuzzRequest): FuzzRequest =>
      request.method === 'DELETE' && request.path.startsWith('/api/auth/me')
        ? { ...request, headers: { ...request.headers, authorization: 'Bearer not-a-token' } }
        : request;
    const property = fc.asyncProperty(
      fc.array(fuzzRequest(operations, context), { minLength: BATCH, maxLength: BATCH }),
      async (batch) => {
        const answers = await Promise.all(
          batch.map(keepSession).map(async (request) => ({
            request,
            answer: await send(pool, request).catch((error: unknown): Answer => {
              // The server dropped the connection while the body was still being sent: no answer at all.
              if (request.chunked && /EPIPE|ECONNRESET|other side closed|SocketError/.test(String(error))) {
                return { status: 0, contentType: undefined, body: String(error) };
              }
              const what = `${request.method} ${request.path.slice(0, 160)} (${request.kind}, ${request.body?.length ?? 0} bytes)`;
              throw new Error(
                `${what}: ${String(error)} [${JSON.stringify(request.headers).slice(0, 200)}] ${String(request.body).slice(0, 200)}`,
              );
            }),
          })),
        );
        for (const { request, answer } of answers) {
          sent++;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
          const breach = contractBreach(answer.status, answer.contentType, answer.body);
          if (!breach) continue;
          const gap = KNOWN_GAPS.find((known) => known.matches(request, answer));
          if (gap) {
            gaps.set(gap.name, (gaps.get(gap.name) ?? 0) + 1);
            if (answer.status >= 500) explained5xx++;
            continue;
          }
          const errors = running.lines.filter((line) => line.includes('"level":50')).slice(-2);
          breaches.push(
            `${request.method} ${request.path.slice(0, 120)} (${request.kind}, ` +
              `${request.headers['content-type'] ?? 'no content type'}, body ${JSON.stringify(request.body?.toString().slice(0, 120))}): ` +
              `${breach} ${answer.body.slice(0, 160)}\n${errors.join('\n').slice(0, 1500)}`,
          );
          return false;
        }
        return true;
      },
    );
    const seed = Number(process.env.FUZZ_SEED ?? 9);
    await fc
      .assert(property, { numRuns: CASES / BATCH, seed, endOnFailure: true })
      .catch((error: unknown) => {
        // fast-check's own message repeats the whole batch; the breach and the replay path are what matter.
        const replay = /\{ seed: .*?\}/.exec(String(error))?.[0] ?? `{ seed: ${seed} }`;
        const thrown = String(error instanceof Error && error.cause ? error.cause : error).slice(0, 600);
        throw new Error(
          `contract breached (replay: ${replay}):\n${breaches.slice(0, 5).join('\n') || thrown}`,
        );
      });
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    const byKind = [...kinds].map(([kind, count]) => `${kind} ${count}`);
    const gapCount = [...gaps.values()].reduce((sum, count) => sum + count, 0);
    report(`fuzz: ${sent} requests, ${gapCount} on known gaps, 0 other contract breaches`);
    report(`fuzz statuses: ${byStatus.join(' ')}`);
    report(`fuzz kinds: ${byKind.join(', ')}`);
    for (const [name, count] of gaps) report(`fuzz known gap (reported, not fixed): ${name}: ${count}`);
    expect(sent).toBe(CASES);
    // Every 5xx seen is one of the known gaps' (the property already failed on any other).
    const all5xx = [...statuses]
      .filter(([status]) => status >= 500)
      .reduce((sum, [, count]) => sum + count, 0);
    expect(all5xx).toBe(explained5xx);
  });
});
