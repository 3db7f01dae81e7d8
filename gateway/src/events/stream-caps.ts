import { ProblemError } from '@todo-bus/http';

export interface StreamCapsOptions {
  perUser: number;
  perIp: number;
}

/** A refused client tries again after this long (an EventSource honours the answer's Retry-After). */
const retryAfterSeconds = 15;

/**
 * Live streams each cost a socket, up to SSE_MAX_BUFFERED_BYTES of queue and, on resume, a JetStream
 * consumer: at most `perUser` open at once per user (a browser with many tabs stays well inside 10) and
 * `perIp` per client address (several users behind one NAT). Past either, 429 problem+json with a
 * Retry-After: the client retries once one of its streams has closed.
 */
export function createStreamCaps({ perUser, perIp }: StreamCapsOptions) {
  const byUser = new Map<string, number>();
  const byIp = new Map<string, number>();
  const change = (counts: Map<string, number>, key: string, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next <= 0) counts.delete(key);
    else counts.set(key, next);
  };
  return {
    /** Takes a slot for one stream, or throws the 429; the returned function gives it back (once). */
    acquire(userId: string, ip: string): () => void {
      if ((byUser.get(userId) ?? 0) >= perUser) {
        throw new ProblemError(429, `At most ${perUser} live streams per user are open at once.`, {
          retryAfterSeconds,
        });
      }
      if ((byIp.get(ip) ?? 0) >= perIp) {
        throw new ProblemError(429, `At most ${perIp} live streams per client address are open at once.`, {
          retryAfterSeconds,
        });
      }
      change(byUser, userId, 1);
      change(byIp, ip, 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        change(byUser, userId, -1);
        change(byIp, ip, -1);
      };
    },
  };
}

export type StreamCaps = ReturnType<typeof createStreamCaps>;
