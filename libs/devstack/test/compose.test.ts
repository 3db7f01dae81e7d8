// docker-compose.yml must be valid and keep its promises: one public port, health-gated start-up order.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/system.ts';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: (string | { published?: number | string; target?: number })[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
}

const APP_SERVICES = ['auth', 'todos', 'gateway', 'web'];
const INSTALL_HINT = 'apt-get install -y docker-compose (the CI script .ci/run installs it)';

/** `docker compose` (the CLI plugin) where it works, else the standalone docker-compose. */
function compose(args: string[]) {
  const run = (command: string, prefix: string[]) =>
    spawnSync(command, [...prefix, '-f', join(REPO_ROOT, 'docker-compose.yml'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, KEY_ENCRYPTION_SECRET: '', TAG: '' },
    });
  const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (plugin.status === 0) return run('docker', ['compose']);
  const standalone = run('docker-compose', []);
  if (standalone.error) throw new Error(`docker-compose is not installed: ${INSTALL_HINT}`);
  return standalone;
}

let services: Record<string, Service>;

beforeAll(() => {
  const result = compose(['config']);
  expect(result.status, `docker-compose config failed:\n${result.stderr}`).toBe(0);
  services = (parse(result.stdout) as { services: Record<string, Service> }).services;
});

describe('docker-compose.yml', () => {
  it('passes `docker-compose config -q`', () => {
    const result = compose(['config', '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the database, the bus, the migrations and the four parts', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'auth',
        'auth-migrate',
        'cockroach',
        'db-init',
        'gateway',
        'nats',
        'todos',
        'todos-migrate',
        'web',
      ].sort(),
    );
  });

  it('publishes only the gateway, on 8080', () => {
    const publishing = Object.entries(services).filter(([, service]) => (service.ports ?? []).length > 0);
    expect(publishing.map(([name]) => name)).toEqual(['gateway']);
    const [port] = services.gateway?.ports ?? [];
    const published = typeof port === 'string' ? port.split(':')[0] : String(port?.published);
    expect(published).toBe('8080');
  });

  it('gives every part a /readyz health check', () => {
    for (const name of APP_SERVICES) {
      expect(services[name]?.healthcheck?.test?.join(' '), name).toContain('/readyz');
    }
  });

  it('starts each service only after its migration completed and its dependencies are healthy', () => {
    const needs = (name: string) =>
      Object.fromEntries(
        Object.entries(services[name]?.depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]),
      );
    expect(needs('auth')).toMatchObject({
      'auth-migrate': 'service_completed_successfully',
      nats: 'service_healthy',
    });
    expect(needs('todos')).toMatchObject({
      'todos-migrate': 'service_completed_successfully',
      nats: 'service_healthy',
      auth: 'service_healthy',
    });
    for (const job of ['auth-migrate', 'todos-migrate']) {
      expect(needs(job)).toEqual({ 'db-init': 'service_completed_successfully' });
      expect(services[job]?.command).toEqual(['node', 'src/migrate.ts']);
    }
    expect(needs('db-init')).toEqual({ cockroach: 'service_healthy' });
    expect(needs('gateway')).toMatchObject({
      auth: 'service_healthy',
      todos: 'service_healthy',
      web: 'service_healthy',
    });
  });

  it('runs each migration with the image and the environment of its service', () => {
    expect(services['auth-migrate']?.image).toBe(services.auth?.image);
    expect(services['auth-migrate']?.environment).toEqual(services.auth?.environment);
    expect(services['todos-migrate']?.environment).toEqual(services.todos?.environment);
  });

  it('listens on all interfaces inside the containers and points each service at its own database', () => {
    for (const name of APP_SERVICES) expect(services[name]?.environment?.HOST, name).toBe('0.0.0.0');
    expect(services.auth?.environment?.DATABASE_URL).toMatch(/@cockroach:26257\/auth\b/);
    expect(services.todos?.environment?.DATABASE_URL).toMatch(/@cockroach:26257\/todos\b/);
    expect(services.gateway?.environment).toMatchObject({
      AUTH_URL: 'http://auth:8081',
      WEB_URL: 'http://web:3000',
    });
  });

  it('falls back to a key secret that says it is for development only', () => {
    const secret = services.auth?.environment?.KEY_ENCRYPTION_SECRET ?? '';
    expect(secret).toMatch(/^dev-only-/);
    expect(secret.length).toBeGreaterThanOrEqual(32);
  });

  it('runs JetStream from deploy/nats/nats.conf, which fsyncs every write', async () => {
    expect(services.nats?.volumes?.some((volume) => volume.includes('deploy/nats/nats.conf'))).toBe(true);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(REPO_ROOT, 'deploy/nats/nats.conf'), 'utf8')).toMatch(/sync_interval:\s*always/);
  });
});
