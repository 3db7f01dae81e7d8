import { z } from 'zod';

/** The longest email address SMTP can deliver to. */
export const emailMaxLength = 254;
/** Passwords: 8–128 characters, no composition rules (NIST SP 800-63B). Forms check it before sending. */
export const passwordLength = { min: 8, max: 128 } as const;

/** Emails are compared as typed by nobody: trimmed and lower-cased before validation and storage. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(emailMaxLength));

export const passwordSchema = z
  .string()
  .min(passwordLength.min, { message: `must be at least ${passwordLength.min} characters` })
  .max(passwordLength.max, { message: `must be at most ${passwordLength.max} characters` });

/** `POST /api/auth/register`. */
export const credentialsSchema = z.object({ email: emailSchema, password: passwordSchema }).strict();
/** `POST /api/auth/login`. It does not re-validate password rules: a wrong password is a 401, whatever its length. */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1024) }).strict();
/** `DELETE /api/auth/me`: the current password re-authenticates (any length: a wrong one is a 401). */
export const deleteAccountSchema = z.object({ password: z.string().min(1).max(1024) }).strict();
/** `POST /api/auth/refresh` and `POST /api/auth/logout`. */
export const refreshTokenSchema = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

/** A user as the API shows them (`user` of a session). */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});

/** `GET /api/auth/me`: the signed-in user. */
export const meSchema = userSchema;

/** What register, login and refresh answer. */
export const sessionSchema = z.object({
  user: userSchema,
  accessToken: z.string().describe('JWT (EdDSA), send as `Authorization: Bearer`'),
  refreshToken: z.string().describe('Opaque; rotated on every refresh'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
});

export type Credentials = z.input<typeof credentialsSchema>;
export type User = z.infer<typeof userSchema>;
export type Me = z.infer<typeof meSchema>;
export type Session = z.infer<typeof sessionSchema>;
