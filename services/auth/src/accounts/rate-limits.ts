import rateLimit from '@fastify/rate-limit';
import { ProblemError } from '@todo-bus/http';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

export interface RateLimitSettings {
  /** Attempts per IP per window, counted separately for register, login and refresh. */
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
  // The plugin runs one `rateLimit` hook per request; the second dimension uses its lower-level checker.
  const accountLimit = app.createRateLimit({
    max: settings.perAccount,
    timeWindow,
    keyGenerator: accountKey,
  });
  return {
    // Per route: a burst of token refreshes must not use up the same address's sign-in budget.
    perIp: app.rateLimit({
      max: settings.perIp,
      timeWindow,
      keyGenerator: (request) => `ip:${request.routeOptions.url ?? ''}:${request.ip}`,
    }),
    async perAccount(request, reply) {
      const verdict = await accountLimit(request);
      // `isAllowed` only means "on the allow list"; the count decides.
      if (verdict.isAllowed || !verdict.isExceeded) return;
      reply.header('retry-after', verdict.ttlInSeconds);
      throw new ProblemError(
        429,
        `Too many attempts for this account. Try again in ${verdict.ttlInSeconds} seconds.`,
      );
    },
  };
}
