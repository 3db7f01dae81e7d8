/** Rejects with `message` when `work` has not settled after `ms`; the timer never keeps the process alive. */
export async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `answers` until it returns true, `gaveUp` reports a reason, or `timeoutMs` passes. */
export async function waitUntil(
  answers: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; what: string; gaveUp?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await answers()) return;
    const reason = options.gaveUp?.();
    if (reason) throw new Error(`${options.what} did not come up: ${reason}`);
    if (Date.now() > deadline)
      throw new Error(`${options.what} did not answer within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
