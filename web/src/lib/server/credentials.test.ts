import { describe, expect, it } from 'vitest';
import { readCredentials } from './credentials.ts';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('readCredentials', () => {
  it('accepts an email and password, trimming the email only', () => {
    expect(readCredentials(form({ email: ' ada@example.test ', password: ' pass word ' }), 'login')).toEqual({
      ok: true,
      email: 'ada@example.test',
      password: ' pass word ',
    });
  });

  it('asks for each missing field next to it', () => {
    expect(readCredentials(form({ email: 'ada@example.test' }), 'login')).toEqual({
      ok: false,
      email: 'ada@example.test',
      errors: { password: 'Enter your password.' },
    });
    expect(readCredentials(form({}), 'login')).toMatchObject({
      errors: { email: 'Enter your email address.', password: 'Enter your password.' },
    });
  });

  it('refuses something that is not an email, keeping it in the field', () => {
    expect(readCredentials(form({ email: 'ada', password: 'long enough' }), 'login')).toEqual({
      ok: false,
      email: 'ada',
      errors: { email: 'Enter a valid email address.' },
    });
  });

  it('applies the 8–128 password rule when registering', () => {
    const tooShort = readCredentials(form({ email: 'a@b.test', password: 'short' }), 'register');
    expect(tooShort).toMatchObject({
      ok: false,
      errors: { password: 'Choose a password of 8 to 128 characters.' },
    });
    const tooLong = readCredentials(form({ email: 'a@b.test', password: 'x'.repeat(129) }), 'register');
    expect(tooLong).toMatchObject({ ok: false });
    const justRight = readCredentials(form({ email: 'a@b.test', password: 'x'.repeat(8) }), 'register');
    expect(justRight).toMatchObject({ ok: true });
  });

  it('does not judge password length when logging in', () => {
    expect(readCredentials(form({ email: 'a@b.test', password: 'short' }), 'login')).toMatchObject({
      ok: true,
    });
  });
});
