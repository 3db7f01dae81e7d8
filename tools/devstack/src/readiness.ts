import { formatLine } from './log-format.ts';
import { describeExit, type Child } from './processes.ts';

export interface ReadinessOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/** Polls `<baseUrl>/readyz` until it answers 200; fails early, with the part's last lines, if the part exits. */
export async function waitForReady(child: Child, baseUrl: string, options: ReadinessOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastAnswer: string;
  let exit: string | undefined;
  void child.exited.then((info) => (exit = describeExit(info)));
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastAnswer = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED: nothing listens yet).
      const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
      lastAnswer = cause?.code ?? (error instanceof Error ? error.message : String(error));
    }
    if (options.signal?.aborted) throw new Error('start-up was cancelled');
    if (exit) throw partFailure(child, `${exit} before it became ready`);
    if (Date.now() > deadline) {
      throw partFailure(
        child,
        `did not become ready within ${options.timeoutMs / 1000}s (last GET ${baseUrl}/readyz: ${lastAnswer})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}

export function partFailure(child: Child, what: string): Error {
  const lines = child.lastLines();
  const tail =
    lines.length > 0
      ? `\nIts last log lines:\n${lines.map((line) => `  ${formatLine(line).replaceAll('\n', '\n  ')}`).join('\n')}`
      : '';
  return new Error(`${child.name} ${what}.${tail}`);
}
