import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi, uniqueEmail, type SessionBody } from './api.ts';
import { startAuth, type AuthUnderTest } from './harness.ts';

let auth: AuthUnderTest;
let api: ReturnType<typeof authApi>;

beforeAll(async () => {
  auth = await startAuth({ env: { RATE_LIMIT_PER_IP: '1000' } });
  api = authApi(auth.app);
});
afterAll(() => auth?.close());

describe('a session, end to end', () => {
  it('register → login → me → refresh → logout', async () => {
    const email = uniqueEmail();
    const registered = await api.register(`  ${email.toUpperCase()} `, 'correct horse battery');
    expect(registered.statusCode).toBe(201);
    const created = registered.json<SessionBody>();
    expect(created.user.email).toBe(email);
    expect(created.expiresIn).toBe(900);

    const login = await api.login(email, 'correct horse battery');
    expect(login.statusCode).toBe(200);
    const session = login.json<SessionBody>();

    const me = await api.me(session.accessToken);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(created.user);

    const refreshed = await api.refresh(session.refreshToken);
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json<SessionBody>();
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect((await api.me(next.accessToken)).statusCode).toBe(200);

    expect((await api.logout(next.refreshToken)).statusCode).toBe(204);
    expect((await api.refresh(next.refreshToken)).statusCode).toBe(401);
    // The other login (from register) is a separate family and still works.
    expect((await api.refresh(created.refreshToken)).statusCode).toBe(200);
  });

  it('returns the same successor when one token is refreshed twice within the window (two tabs)', async () => {
    const session = (await api.register(uniqueEmail(), 'correct horse battery')).json<SessionBody>();
    const tabA = (await api.refresh(session.refreshToken)).json<SessionBody>();
    const tabB = await api.refresh(session.refreshToken);
    expect(tabB.statusCode).toBe(200);
    expect(tabB.json<SessionBody>().refreshToken).toBe(tabA.refreshToken);
    expect((await api.me(tabB.json<SessionBody>().accessToken)).statusCode).toBe(200);

    // Two tabs at the very same moment: one successor for both, and it is the family's live token.
    const racing = await Promise.all([api.refresh(tabA.refreshToken), api.refresh(tabA.refreshToken)]);
    expect(racing.map((answer) => answer.statusCode)).toEqual([200, 200]);
    const [first, second] = racing.map((answer) => answer.json<SessionBody>().refreshToken);
    expect(first).toBe(second);
    expect((await api.refresh(first!)).statusCode).toBe(200);
  });

  it('revokes the whole family when a grandparent (a parent whose successor was used) is presented', async () => {
    const session = (await api.register(uniqueEmail(), 'correct horse battery')).json<SessionBody>();
    const child = (await api.refresh(session.refreshToken)).json<SessionBody>();
    const live = (await api.refresh(child.refreshToken)).json<SessionBody>();
    const reuse = await api.refresh(session.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.headers['content-type']).toMatch(/problem\+json/);
    expect((await api.refresh(live.refreshToken)).statusCode).toBe(401);
  });

  it('answers a taken email with 409 naming the field, also when two registrations race', async () => {
    const email = uniqueEmail();
    const results = await Promise.all([
      api.register(email, 'correct horse battery'),
      api.register(email, 'another password'),
    ]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([201, 409]);
    const again = await api.register(email.toUpperCase(), 'third password');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, errors: [{ field: 'body.email' }] });
  });

  it('validates input with problem+json naming the field', async () => {
    const badEmail = await api.register('not-an-email', 'correct horse battery');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json()).toMatchObject({ errors: [{ field: 'body.email' }] });
    const shortPassword = await api.register(uniqueEmail(), 'short');
    expect(shortPassword.json()).toMatchObject({
      errors: [{ field: 'body.password', message: 'must be at least 8 characters' }],
    });
    const longPassword = await api.register(uniqueEmail(), 'x'.repeat(129));
    expect(longPassword.statusCode).toBe(400);
    const extra = await auth.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: uniqueEmail(), password: 'correct horse battery', role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('gives one 401 body for an unknown email and for a wrong password', async () => {
    const email = uniqueEmail();
    await api.register(email, 'correct horse battery');
    const wrongPassword = await api.login(email, 'wrong password');
    const unknownEmail = await api.login(uniqueEmail(), 'wrong password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
  });

  it('deletes the account only with the current password: me answers 404 and refresh tokens die', async () => {
    const session = (await api.register(uniqueEmail(), 'correct horse battery')).json<SessionBody>();
    const wrong = await api.deleteMe(session.accessToken, 'not my password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    expect((await api.me(session.accessToken)).statusCode).toBe(200);
    expect((await api.deleteMe(session.accessToken, 'correct horse battery')).statusCode).toBe(204);
    expect((await api.me(session.accessToken)).statusCode).toBe(404);
    expect((await api.refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('describes every route in OpenAPI with its schemas', async () => {
    const document = (await auth.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    }>();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/refresh',
      '/api/auth/register',
    ]);
    expect(document.paths['/api/auth/register']?.post?.requestBody).toBeDefined();
    expect(document.paths['/api/auth/login']?.post?.responses['200']).toBeDefined();
  });
});
