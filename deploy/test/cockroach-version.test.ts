// One supported CockroachDB release everywhere it runs: compose, every Kubernetes manifest and the testcontainers
// module the test suites start, and the same release named in the READMEs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOY_DIR, REPO_ROOT } from './render.ts';

const imageTag = /cockroachdb\/cockroach:(v[0-9][^\s'"`]*)/g;

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

const pinnedIn = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(imageTag)].map((match) => ({
    file: relative(REPO_ROOT, file),
    tag: match[1],
  }));

describe('the CockroachDB version', () => {
  const testcontainers = pinnedIn(join(REPO_ROOT, 'libs/localinfra/src/cockroach-container.ts'));
  const supported = testcontainers[0]?.tag ?? '';

  it('is pinned identically in compose, Kubernetes and the testcontainers module', () => {
    const pins = [
      ...testcontainers,
      ...pinnedIn(join(REPO_ROOT, 'docker-compose.yml')),
      ...filesUnder(join(DEPLOY_DIR, 'k8s')).flatMap(pinnedIn),
    ];
    expect(supported).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(pins.length).toBeGreaterThan(3);
    expect(pins.filter((pin) => pin.tag !== supported)).toEqual([]);
  });

  it.each(['README.md', 'deploy/README.md'])('is named as the supported release in %s', (readme) => {
    expect(readFileSync(join(REPO_ROOT, readme), 'utf8')).toContain(`Supported CockroachDB: ${supported}`);
  });
});
