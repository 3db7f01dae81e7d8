// Reads the email/password of the login and register forms. The auth service validates again; this only
// spares the user a round trip for what the form can tell by itself.
import { emailMaxLength, passwordLength } from '../auth-rules.ts';

export type CredentialField = 'email' | 'password';
export const credentialFields: readonly CredentialField[] = ['email', 'password'];

export type CredentialsResult =
  | { ok: true; email: string; password: string }
  | { ok: false; email: string; errors: Partial<Record<CredentialField, string>> };

/**
 * `purpose: 'register'` also checks the password length rule; logging in does not, so a login answers the
 * same way for every wrong password.
 */
export function readCredentials(form: FormData, purpose: 'login' | 'register'): CredentialsResult {
  const emailValue = form.get('email');
  const passwordValue = form.get('password');
  const email = typeof emailValue === 'string' ? emailValue.trim() : '';
  const password = typeof passwordValue === 'string' ? passwordValue : '';

  const errors: Partial<Record<CredentialField, string>> = {};
  if (email === '') errors.email = 'Enter your email address.';
  else if (email.length > emailMaxLength || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    errors.email = 'Enter a valid email address.';
  }
  if (password === '') errors.password = 'Enter your password.';
  else if (
    purpose === 'register' &&
    (password.length < passwordLength.min || password.length > passwordLength.max)
  ) {
    errors.password = `Choose a password of ${passwordLength.min} to ${passwordLength.max} characters.`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, email, errors } : { ok: true, email, password };
}
