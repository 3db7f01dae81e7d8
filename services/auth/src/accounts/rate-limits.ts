import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

export interface RateLimitSettings {
  /** Attempts per IP per window, on each of register, login and refresh. */
  perIp: number;
  /** Login attempts per account per window, whatever the IP. */
  perAccount: number;
  windowMs: number;
}

export interface AccountRateLimits {
  perIp: preHandlerAsyncHookHandler;
  perAccount: preHandlerAsyncHookHandler;
}

const accountKey = (request: FastifyRequest) => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `account:${typeof email === 'string' ? email : request.ip}`;
};

/**
 * Sliding limits, never a lockout: a blocked client is told when to retry (Retry-After), and an attacker
 * hammering a victim's account delays the victim by one window at most once they stop.
 * The counters live in memory: per replica (a shared store is the scaling path).
 */
export async function registerAccountRateLimits(
  app: FastifyInstance,
  settings: RateLimitSettings,
): Promise<AccountRateLimits> {
  await app.register(rateLimit, { global: false });
  const timeWindow = settings.windowMs;
  return {
    perIp: app.rateLimit({ max: settings.perIp, timeWindow, keyGenerator: (request) => `ip:${request.ip}` }),
    perAccount: app.rateLimit({ max: settings.perAccount, timeWindow, keyGenerator: accountKey }),
  };
}
