import { withTimeout } from './with-timeout.ts';

// A configured but unreachable runtime (DOCKER_HOST pointing at a dead host) could hang the probe; with no
// runtime at all testcontainers fails in milliseconds because every strategy finds no socket.
const RUNTIME_PROBE_TIMEOUT_MS = 3_000;

let cachedAnswer: Promise<boolean> | undefined;

/** Whether testcontainers can reach a container runtime (Docker, Podman, ...). Asked once per process. */
export function containerRuntimeAvailable(): Promise<boolean> {
  cachedAnswer ??= probeContainerRuntime();
  return cachedAnswer;
}

/** The uncached probe; exported for tests that measure it. */
export async function probeContainerRuntime(timeoutMs = RUNTIME_PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    // Imported lazily: testcontainers costs ~0.4 s to load, which callers with an explicit URL never pay.
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), timeoutMs, 'container runtime probe timed out');
    return true;
  } catch {
    return false;
  }
}
