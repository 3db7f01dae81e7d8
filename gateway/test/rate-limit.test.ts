import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from './gateway-under-test.ts';

let gateway: GatewayUnderTest;
beforeAll(async () => {
  gateway = await startGateway({ RATE_LIMIT_PER_IP: '8', RATE_LIMIT_PER_USER: '3' });
});
afterAll(() => gateway?.close());

describe('rate limits', () => {
  it('limits each user, then each IP, with 429 problem+json and Retry-After', async () => {
    const alice = { authorization: `Bearer ${await gateway.issuer.sign(randomUUID())}` };
    const bob = { authorization: `Bearer ${await gateway.issuer.sign(randomUUID())}` };
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await gateway.app.inject({ method: 'GET', url: '/api/todos', headers: alice })).statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await gateway.app.inject({ method: 'GET', url: '/api/todos', headers: alice });
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await gateway.app.inject({ method: 'GET', url: '/api/todos', headers: bob })).statusCode).toBe(
      200,
    );
    const fromThisIp = [];
    for (let i = 0; i < 4; i++)
      fromThisIp.push((await gateway.app.inject({ method: 'GET', url: '/' })).statusCode);
    expect(fromThisIp).toContain(429);
    expect(
      (await gateway.app.inject({ method: 'GET', url: '/', remoteAddress: '10.1.2.3' })).statusCode,
    ).toBe(200);
  });
});
