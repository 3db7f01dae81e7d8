// `npm run test:cockroach`: the auth and todos suites (integration included) against a real CockroachDB, started
// once with testcontainers at the pinned version and shared by both projects through TEST_DATABASE_URL. Where no
// container runtime answers it says so in one line and runs nothing (exit 0: nothing failed, nothing was proven).
import { COCKROACH_IMAGE, containerRuntimeAvailable, startCockroachContainer } from '@todo-bus/localinfra';
import { spawnSync } from 'node:child_process';

if (!(await containerRuntimeAvailable())) {
  console.log(
    `test:cockroach: no container runtime answers (Docker or Podman), so ${COCKROACH_IMAGE} cannot start here: nothing ran.`,
  );
} else {
  const server = await startCockroachContainer();
  try {
    const run = spawnSync(
      'nx',
      ['run-many', '-t', 'test', '-p', 'auth', 'todos', '--parallel=1', '--outputStyle=stream'],
      { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: server.url } },
    );
    process.exitCode = run.status ?? 1;
  } finally {
    await server.stop();
  }
}
