import { isActionFailure } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { actions as loginActions } from './login/+page.server.ts';
import { actions as registerActions } from './register/+page.server.ts';

function submit(fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  const request = new Request('http://localhost/login', { method: 'POST', body });
  // The actions read nothing but the request.
  return { request } as never;
}

describe.each([
  ['login', loginActions.default, 'Signing in is not available yet.'],
  ['register', registerActions.default, 'Creating an account is not available yet.'],
])('the %s action', (_name, action, notYet) => {
  it('answers 400 with the problem and the email for an incomplete form', async () => {
    const result = await action(submit({ email: 'ada@example.test' }));
    expect(isActionFailure(result)).toBe(true);
    expect(result).toMatchObject({
      status: 400,
      data: { email: 'ada@example.test', message: 'Enter your email and password.' },
    });
  });

  it('answers 501 "not available yet" until the auth issue, never echoing the password', async () => {
    const result = await action(submit({ email: 'ada@example.test', password: 'correct horse' }));
    expect(result).toMatchObject({ status: 501, data: { email: 'ada@example.test', message: notYet } });
    expect(JSON.stringify(result)).not.toContain('correct horse');
  });
});
