import { z } from 'zod';

/** Emails are compared as typed by nobody: trimmed and lower-cased before validation and storage. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(254));

/** 8–128 characters, no composition rules (NIST SP 800-63B). */
export const passwordSchema = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(128, { message: 'must be at most 128 characters' });

export const credentialsSchema = z.object({ email: emailSchema, password: passwordSchema }).strict();
/** Login does not re-validate password rules: a wrong password is a 401, whatever its length. */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1024) }).strict();
export const refreshTokenSchema = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

export const publicUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const sessionSchema = z.object({
  user: publicUserSchema,
  accessToken: z.string().describe('JWT (EdDSA), send as `Authorization: Bearer`'),
  refreshToken: z.string().describe('Opaque; rotated on every refresh'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
