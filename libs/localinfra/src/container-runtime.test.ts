import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containerRuntimeAvailable, probeContainerRuntime } from './container-runtime.ts';

// Machines like this one have a docker CLI but no daemon: the real probe must say so quickly, so test runs and
// `npm start` fall back to local servers without a noticeable pause.
const runtimeConfigured = Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const started = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - started };
}

describe.skipIf(runtimeConfigured)('container runtime probe without a runtime', () => {
  it('answers false quickly, even the first time when testcontainers still has to load', async () => {
    // The first call pays for loading testcontainers (~0.4 s here); generous bound for a busy machine.
    const cold = await timed(() => probeContainerRuntime());
    expect(cold.result).toBe(false);
    expect(cold.elapsedMs).toBeLessThan(3_000);

    // The check itself: strategies find no socket and give up in milliseconds.
    const warm = await timed(() => probeContainerRuntime());
    expect(warm.result).toBe(false);
    expect(warm.elapsedMs).toBeLessThan(1_000);
  });

  it('gives the same cached answer to every caller', async () => {
    const first = containerRuntimeAvailable();
    expect(containerRuntimeAvailable()).toBe(first);
    expect(await first).toBe(false);
  });
});
