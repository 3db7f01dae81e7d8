import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from './gateway-under-test.ts';
import { openEventStream, type EventStream } from './sse-client.ts';

let gateway: GatewayUnderTest;
let baseUrl: string;
const open: EventStream[] = [];

beforeAll(async () => {
  gateway = await startGateway({
    RATE_LIMIT_PER_IP: '100000',
    RATE_LIMIT_PER_USER: '100000',
    SSE_MAX_STREAMS_PER_IP: '14',
  });
  baseUrl = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await Promise.all(open.map((stream) => stream.close()));
  await gateway?.close();
});

const headersFor = async (userId: string) => ({
  authorization: `Bearer ${await gateway.issuer.sign(userId)}`,
});

async function streamFor(userId: string): Promise<EventStream> {
  const stream = await openEventStream(`${baseUrl}/api/events`, await headersFor(userId));
  open.push(stream);
  if (stream.status === 200) await stream.waitForComment('connected');
  return stream;
}

describe('caps on live streams', () => {
  it('answers the 11th concurrent stream of one user with 429 problem+json, and admits one once another closed', async () => {
    const userId = randomUUID();
    const streams = [];
    for (let index = 0; index < 10; index++) streams.push(await streamFor(userId));
    expect(streams.map((stream) => stream.status)).toEqual(Array(10).fill(200));

    const eleventh = await fetch(`${baseUrl}/api/events`, { headers: await headersFor(userId) });
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(eleventh.headers.get('retry-after')).toBeTruthy();
    const problem = (await eleventh.json()) as { status: number; detail: string };
    expect(problem.status).toBe(429);
    expect(problem.detail).toMatch(/per user/);

    // Another user is not affected by this one's streams.
    expect((await streamFor(randomUUID())).status).toBe(200);

    await streams[0]!.close();
    await expect.poll(async () => (await streamFor(userId)).status).toBe(200);
  });

  it('caps the streams of one client address across users', async () => {
    // 11 are open from 127.0.0.1 after the test above; the address may hold 14.
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await streamFor(randomUUID())).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await fetch(`${baseUrl}/api/events`, { headers: await headersFor(randomUUID()) });
    const problem = (await refused.json()) as { status: number; detail: string };
    expect(problem.status).toBe(429);
    expect(problem.detail).toMatch(/address/);
  });
});
