import { z } from 'zod';

/** Reusable env field parsers: every env value arrives as a string. */

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const urlString = (fallback?: string) => {
  const url = z.url({ message: 'must be a URL' });
  return fallback === undefined ? url : url.default(fallback);
};

export const commaList = (fallback: string[] = []) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .default(fallback);

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** A secret that must be long enough to be worth its name. */
export const secret = (minLength: number) =>
  z.string().min(minLength, { message: `must be at least ${minLength} characters` });
