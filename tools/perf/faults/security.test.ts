// Security through the whole system: users never see each other's data (REST and SSE), forged tokens are
// refused everywhere, refresh-token reuse revokes the family, rate limits hold, and logs carry no secrets.
import { accessTokenCookie } from '@todo-bus/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiRequest, type ApiResponse } from '../src/http/api-client.ts';
import { logIn, mapConcurrent, registerUser, type TestUser } from '../src/http/users.ts';
import { RawSseConnection } from '../src/sse/raw-sse-connection.ts';
import { report, startFaultSystem, type FaultSystem } from './support/fault-system.ts';
import { jwtAttacks } from './support/jwt-attacks.ts';
import { contractBreach } from './support/problem.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SHORT_TOKEN_SECONDS = 30;

/** Each concern talks from its own loopback address, so per-IP limits of one never spill into another. */
const ADDRESS = {
  setup: '127.0.0.2',
  crossUser: '127.0.0.3',
  tokens: '127.0.0.4',
  refresh: '127.0.0.5',
  authPerIp: '127.0.0.6',
  authPerAccount: '127.0.0.7',
  gatewayPerUser: ['127.0.0.8', '127.0.0.9'],
  gatewayPerIp: '127.0.0.10',
} as const;

interface Received {
  id: string;
  type: string;
  subject: string;
  userid: string;
}

/** An SSE stream that keeps what it received. */
async function listen(port: number, token: string, lastEventId?: string) {
  const events: Received[] = [];
  const connection = await RawSseConnection.open({
    host: '127.0.0.1',
    port,
    token,
    ...(lastEventId ? { lastEventId } : {}),
    onMessage: (message) => {
      if (message.event !== 'end') events.push(JSON.parse(message.data) as Received);
    },
  });
  return { events, connection };
}

describe('security, end to end', () => {
  let running: FaultSystem;
  const clients = new Map<string, ApiClient>();
  const client = (address: string, origin = running.gateway) => {
    const key = `${address} ${origin}`;
    let existing = clients.get(key);
    if (!existing)
      clients.set(key, (existing = new ApiClient(origin, { connections: 16, localAddress: address })));
    return existing;
  };
  /** Every credential the run handled: none may show up in any part's log. */
  const secrets = new Set<string>();
  const remember = (user: TestUser) => {
    for (const secret of [
      user.password,
      user.accessToken,
      user.refreshToken,
      user.accessToken.split('.')[2] ?? '',
    ]) {
      if (secret) secrets.add(secret);
    }
    return user;
  };
  let attacker: TestUser;
  let victim: TestUser;
  let other: TestUser;
  let shortLived: { token: string; expiresAt: number };
  let wrongIssuer: string;
  let wrongAudience: string;

  beforeAll(async () => {
    running = await startFaultSystem({ env: { REFRESH_REUSE_GRACE_SECONDS: '1', LOG_LEVEL: 'debug' } });
    const setup = client(ADDRESS.setup);
    const users = await mapConcurrent(['attacker', 'victim', 'other'], 3, async (label) =>
      remember(await registerUser(setup, label)),
    );
    [attacker, victim, other] = users as [TestUser, TestUser, TestUser];
    // Genuine tokens with a claim the verifiers must refuse: auth replicas sharing the real signing keys,
    // configured with another issuer, another audience, or the shortest lifetime auth allows.
    const replicas = await Promise.all([
      running.system.startReplica('auth', { JWT_ISSUER: 'https://evil.example' }),
      running.system.startReplica('auth', { JWT_AUDIENCE: 'another-service' }),
      running.system.startReplica('auth', { ACCESS_TOKEN_TTL_SECONDS: String(SHORT_TOKEN_SECONDS) }),
    ]);
    const tokenFrom = async (url: string) =>
      remember(await logIn(client(ADDRESS.setup, url), attacker)).accessToken;
    [wrongIssuer, wrongAudience] = await Promise.all([
      tokenFrom(replicas[0].url),
      tokenFrom(replicas[1].url),
    ]);
    shortLived = {
      token: await tokenFrom(replicas[2].url),
      expiresAt: Date.now() + SHORT_TOKEN_SECONDS * 1000,
    };
    await Promise.all(replicas.map((replica) => replica.stop()));
  });
  afterAll(async () => {
    await Promise.all([...clients.values()].map((api) => api.close()));
    await running?.stop();
  });

  it('never shows a user another user’s todos or events, over REST (gateway and service) and SSE', async () => {
    const gateway = client(ADDRESS.crossUser);
    const direct = client(ADDRESS.crossUser, running.todos);
    const port = running.system.ports.gateway;
    const victimStream = await listen(port, victim.accessToken);
    const otherStream = await listen(port, other.accessToken);
    const victimTodos = new Map<string, { title: string; completed: boolean }>();
    const everVictims = new Set<string>();
    let probes = 0;
    const as = (user: TestUser, request: Omit<ApiRequest, 'token'>, via = gateway) =>
      via.request({ ...request, token: user.accessToken });
    const expectNotFound = (response: ApiResponse) => {
      expect(response.status).toBe(404);
      expect(
        contractBreach(response.status, response.headers['content-type'] as string, response.body),
      ).toBeUndefined();
    };
    const pick = (index: number) => [...everVictims][index % Math.max(1, everVictims.size)];
    const title = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((text) => text.trim() !== '' && !text.includes('\0'));
    const action = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), title }),
      fc.record({ kind: fc.constant('toggle' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
      fc.record({
        kind: fc.constant('probe' as const),
        index: fc.nat(),
        method: fc.constantFrom('GET', 'PATCH', 'DELETE'),
        via: fc.constantFrom('gateway', 'service'),
      }),
      fc.record({ kind: fc.constant('list' as const), via: fc.constantFrom('gateway', 'service') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        for (const step of actions) {
          if (step.kind === 'create') {
            const response = await as(victim, {
              method: 'POST',
              path: '/api/todos',
              body: { title: step.title },
            });
            expect(response.status).toBe(201);
            const todo = JSON.parse(response.body) as { id: string; title: string; completed: boolean };
            victimTodos.set(todo.id, { title: todo.title, completed: todo.completed });
            everVictims.add(todo.id);
          } else if (step.kind === 'toggle' || step.kind === 'delete') {
            const id = [...victimTodos.keys()][step.index % Math.max(1, victimTodos.size)];
            if (!id) continue;
            const todo = victimTodos.get(id)!;
            if (step.kind === 'toggle') {
              const response = await as(victim, {
                method: 'PATCH',
                path: `/api/todos/${id}`,
                body: { completed: !todo.completed },
              });
              expect(response.status).toBe(200);
              todo.completed = !todo.completed;
            } else {
              expect((await as(victim, { method: 'DELETE', path: `/api/todos/${id}` })).status).toBe(204);
              victimTodos.delete(id);
            }
          } else if (step.kind === 'probe') {
            const id = pick(step.index);
            if (!id) continue;
            probes++;
            const via = step.via === 'gateway' ? gateway : direct;
            const body = step.method === 'PATCH' ? { title: 'taken over', completed: true } : undefined;
            expectNotFound(
              await as(
                other,
                { method: step.method, path: `/api/todos/${id}`, ...(body ? { body } : {}) },
                via,
              ),
            );
            // …and the victim's todo is exactly as it was.
            const own = await as(victim, { method: 'GET', path: `/api/todos/${id}` });
            const known = victimTodos.get(id);
            if (known) expect(JSON.parse(own.body)).toMatchObject(known);
            else expect(own.status).toBe(404);
          } else {
            probes++;
            const via = step.via === 'gateway' ? gateway : direct;
            const listed = JSON.parse((await as(other, { method: 'GET', path: '/api/todos' }, via)).body) as {
              id: string;
            }[];
            expect(listed.filter((todo) => everVictims.has(todo.id))).toEqual([]);
          }
        }
      }),
      { numRuns: 40, seed: 11 },
    );
    // The other user's own change, so their stream has something of its own.
    const own = await as(other, { method: 'POST', path: '/api/todos', body: { title: 'mine' } });
    expect(own.status).toBe(201);
    await sleep(1_000);
    // Resuming from the very start replays the stored events: still only one's own.
    const replay = await listen(port, other.accessToken, '0');
    await sleep(1_000);
    for (const stream of [victimStream, otherStream, replay]) stream.connection.close();

    const foreign = [...otherStream.events, ...replay.events].filter(
      (event) => event.userid !== other.id || everVictims.has(event.subject),
    );
    expect(foreign).toEqual([]);
    expect(otherStream.events.map((event) => event.type)).toEqual(['todo.created']);
    expect(replay.events.map((event) => event.type)).toEqual(['todo.created']);
    expect(victimStream.events.every((event) => event.userid === victim.id)).toBe(true);
    expect(victimStream.events.length).toBeGreaterThan(0);
    report(
      `cross-user: ${probes} attempts on another user's todos (REST via gateway and service) all 404/absent; ` +
        `${victimStream.events.length} of the owner's SSE events seen by nobody else (live and Last-Event-ID replay)`,
    );
  });

  it('revokes the whole family when a rotated refresh token is reused, and ends the session on logout', async () => {
    const api = client(ADDRESS.refresh);
    const session = remember(await logIn(api, other));
    const refreshWith = (token: string) =>
      api.request({ method: 'POST', path: '/api/auth/refresh', body: { refreshToken: token } });
    const rotated = await refreshWith(session.refreshToken);
    expect(rotated.status).toBe(200);
    const next = JSON.parse(rotated.body) as { refreshToken: string; accessToken: string };
    remember({ ...session, ...next });
    await sleep(1_500); // past REFRESH_REUSE_GRACE_SECONDS=1: a second presentation is reuse, not a second tab
    const reuse = await refreshWith(session.refreshToken);
    expect(reuse.status).toBe(401);
    expect(contractBreach(401, reuse.headers['content-type'] as string, reuse.body)).toBeUndefined();
    expect((await refreshWith(next.refreshToken)).status, 'the successor dies with its family').toBe(401);

    const second = remember(await logIn(api, other));
    expect(
      (
        await api.request({
          method: 'POST',
          path: '/api/auth/logout',
          body: { refreshToken: second.refreshToken },
        })
      ).status,
    ).toBe(204);
    expect((await refreshWith(second.refreshToken)).status, 'logged out').toBe(401);
    report(
      'refresh: reuse after rotation → 401 and the family revoked (successor 401); logout → refresh 401',
    );
  });

  it('holds the rate limits: auth per IP and per account, gateway per user and per IP', async () => {
    const limited = (responses: ApiResponse[]) => {
      const refused = responses.filter((response) => response.status === 429);
      for (const response of refused) {
        expect(
          contractBreach(429, response.headers['content-type'] as string, response.body),
        ).toBeUndefined();
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      return refused.length;
    };
    // auth: 20 attempts per IP per minute (each of register, login, refresh).
    const perIp = client(ADDRESS.authPerIp);
    const attempts = await mapConcurrent(Array.from({ length: 22 }), 4, (_, index) =>
      perIp.request({
        method: 'POST',
        path: '/api/auth/login',
        body: { email: `nobody${index}@example.com`, password: 'wrong-password' },
      }),
    );
    const statuses = (responses: ApiResponse[]) => responses.map((response) => response.status).join(' ');
    expect(attempts.filter((response) => response.status === 401).length, statuses(attempts)).toBe(20);
    expect(limited(attempts)).toBe(2);

    // auth: 10 login attempts per account per minute, whatever the IP; then even the right password waits.
    const target = remember(await registerUser(client(ADDRESS.setup), 'limited'));
    const perAccount = client(ADDRESS.authPerAccount);
    const guesses = await mapConcurrent(Array.from({ length: 10 }), 2, () =>
      perAccount.request({
        method: 'POST',
        path: '/api/auth/login',
        body: { email: target.email, password: 'guess-guess' },
      }),
    );
    expect(guesses.filter((response) => response.status === 401).length, statuses(guesses)).toBe(10);
    const right = await perAccount.request({
      method: 'POST',
      path: '/api/auth/login',
      body: { email: target.email, password: target.password },
    });
    expect(limited([right])).toBe(1);

    // gateway: 1200 requests per user per minute, even from two addresses (so the per-IP limit is not what stops it).
    const [first, second] = ADDRESS.gatewayPerUser.map((address) => client(address));
    const user = remember(await registerUser(client(ADDRESS.setup), 'busy'));
    const list = (api: ApiClient) =>
      api.request({ method: 'GET', path: '/api/todos?limit=1', token: user.accessToken });
    const perUser = await mapConcurrent(Array.from({ length: 1210 }), 16, (_, index) =>
      list(index % 2 ? first! : second!),
    );
    expect(perUser.filter((response) => response.status === 200)).toHaveLength(1200);
    expect(limited(perUser)).toBe(10);

    // gateway: 1200 requests per IP per minute, before anything else is looked at.
    const anonymous = client(ADDRESS.gatewayPerIp);
    const perIpGateway = await mapConcurrent(Array.from({ length: 1205 }), 16, () =>
      anonymous.request({ method: 'GET', path: '/api/todos' }),
    );
    expect(perIpGateway.filter((response) => response.status === 401)).toHaveLength(1200);
    expect(limited(perIpGateway)).toBe(5);
    report(
      'rate limits: auth 20/min per IP (2 of 22 refused), auth 10/min per account (right password refused after 10 ' +
        'guesses), gateway 1200/min per user (10 of 1210 refused), gateway 1200/min per IP (5 of 1205 refused)',
    );
  });

  it('refuses every forged, confused or unacceptable token at the gateway, at auth and at the todos service', async () => {
    const api = client(ADDRESS.tokens);
    const direct = client(ADDRESS.tokens, running.todos);
    const jwks = (await (
      await fetch(`http://127.0.0.1:${running.system.ports.auth}/.well-known/jwks.json`)
    ).json()) as {
      keys: [];
    };
    // The short-lived token must have expired by now; wait out the rest if the machine was quick.
    await sleep(Math.max(0, shortLived.expiresAt - Date.now() + 1_500));
    const attacks = await jwtAttacks({
      ownToken: attacker.accessToken,
      victimId: victim.id,
      jwks,
      issuer: 'todo-bus-auth',
      audience: 'todo-bus',
      wrongIssuer,
      wrongAudience,
      expired: shortLived.token,
    });
    const targets: [string, (token: string) => Promise<ApiResponse>][] = [
      ['gateway GET /api/todos', (token) => api.request({ method: 'GET', path: '/api/todos', token })],
      [
        'gateway GET /api/todos (cookie)',
        (token) =>
          api.request({
            method: 'GET',
            path: '/api/todos',
            headers: { cookie: `${accessTokenCookie}=${token}` },
          }),
      ],
      ['gateway GET /api/events', (token) => api.request({ method: 'GET', path: '/api/events', token })],
      [
        'auth GET /api/auth/me (via gateway)',
        (token) => api.request({ method: 'GET', path: '/api/auth/me', token }),
      ],
      [
        'todos service GET /api/todos',
        (token) => direct.request({ method: 'GET', path: '/api/todos', token }),
      ],
    ];
    // Positive control: the attacker's genuine token works on every target but the stream (which stays open).
    for (const [name, call] of targets.filter(([name]) => !name.includes('events'))) {
      expect((await call(attacker.accessToken)).status, name).toBe(200);
    }
    const accepted: string[] = [];
    let tried = 0;
    for (const [attack, token] of attacks) {
      for (const [target, call] of targets) {
        tried++;
        const response = await call(token);
        if (
          response.status !== 401 ||
          contractBreach(401, response.headers['content-type'] as string, response.body)
        ) {
          accepted.push(`${attack} → ${target}: ${response.status} ${response.body.slice(0, 120)}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    report(
      `JWT attacks: ${attacks.length} kinds × ${targets.length} targets = ${tried} attempts, all 401 problem+json`,
    );
  });

  it('never writes a password or a token to any part’s log', async () => {
    await sleep(500); // the last lines on their way through the pipes
    const leaks: string[] = [];
    for (const line of running.lines) {
      for (const secret of secrets) {
        if (line.includes(secret))
          leaks.push(`${line.slice(0, 80)}… contains a secret (${secret.length} chars)`);
      }
    }
    expect(leaks).toEqual([]);
    expect(running.lines.length).toBeGreaterThan(1000);
    report(
      `logs: ${running.lines.length} lines at LOG_LEVEL=debug from every part, ${secrets.size} secrets, 0 found`,
    );
  });
});
