// Reads the email/password of the login and register forms. The auth service validates again; this only
// spares the user a round trip for what the form can tell by itself.
import { passwordLength } from '../auth-rules.ts';

const maxEmailLength = 254;

export type CredentialsResult =
  { ok: true; email: string; password: string } | { ok: false; email: string; message: string };

/**
 * `purpose: 'register'` also checks the password length rule; logging in does not, so a login answers the
 * same way for every wrong password.
 */
export function readCredentials(form: FormData, purpose: 'login' | 'register'): CredentialsResult {
  const emailValue = form.get('email');
  const passwordValue = form.get('password');
  const email = typeof emailValue === 'string' ? emailValue.trim() : '';
  const password = typeof passwordValue === 'string' ? passwordValue : '';

  if (email === '' || password === '') {
    return { ok: false, email, message: 'Enter your email and password.' };
  }
  if (email.length > maxEmailLength || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    return { ok: false, email, message: 'Enter a valid email address.' };
  }
  if (
    purpose === 'register' &&
    (password.length < passwordLength.min || password.length > passwordLength.max)
  ) {
    return {
      ok: false,
      email,
      message: `Choose a password of ${passwordLength.min} to ${passwordLength.max} characters.`,
    };
  }
  return { ok: true, email, password };
}
