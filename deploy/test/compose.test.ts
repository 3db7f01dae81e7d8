// docker-compose.yml must be valid and keep its promises: one public port, health-gated start-up order,
// migrations before the services, and a `prod` profile that runs the production images as production does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeConfig, COMPOSE_FILE, lintComposeFile } from './compose-file.ts';
import { checkPartConfig } from './part-config.ts';
import { REPO_ROOT } from './render.ts';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  profiles?: string[];
  ports?: (string | { published?: number | string; target?: number })[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
  volumes?: (string | { type?: string; source?: string })[];
  networks?: Record<string, { aliases?: string[] } | null>;
  read_only?: boolean;
  user?: string;
  cap_drop?: string[];
  security_opt?: string[];
  mem_limit?: string | number;
  cpus?: string | number;
}

const PARTS = ['auth', 'todos', 'gateway', 'web'] as const;
const MIGRATIONS = ['auth-migrate', 'todos-migrate'] as const;
const INFRASTRUCTURE = ['cockroach', 'db-init', 'nats'];

/** The services with every profile enabled, as `docker compose config` prints them for `env`. */
function config(env: Record<string, string> = {}): Record<string, Service> {
  return composeConfig<{ services: Record<string, Service> }>(env).services;
}

/** The name a part answers to on the network in each profile. */
const inProfile = (name: string, profile: 'dev' | 'prod') => (profile === 'dev' ? name : `${name}-prod`);

let services: Record<string, Service>;

beforeAll(() => {
  services = config();
});

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema, with no correctness findings', () => {
    expect(lintComposeFile()).toEqual([]);
  });

  it('would notice an invalid file (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-check-'));
    try {
      const broken = join(dir, 'docker-compose.yml');
      // A misspelt key, as a person might write: Compose refuses unknown service properties.
      const text = readFileSync(COMPOSE_FILE, 'utf8').replace(
        '    restart: unless-stopped',
        '    restrat: always',
      );
      writeFileSync(broken, text);
      const problems = lintComposeFile(broken);
      expect(problems.map((problem) => problem.rule)).toEqual(['invalid-schema']);
      expect(problems[0]?.message).toContain('/services/cockroach');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names only services, volumes and networks that exist', () => {
    const model = composeConfig<{ volumes?: Record<string, unknown>; networks?: Record<string, unknown> }>(
      {},
    );
    const volumes = new Set(Object.keys(model.volumes ?? {}));
    const networks = new Set(['default', ...Object.keys(model.networks ?? {})]);
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
      }
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        if (source && !source.startsWith('.') && !source.startsWith('/')) {
          expect(volumes.has(source), `${name} mounts ${source}`).toBe(true);
        }
      }
      for (const network of Object.keys(service.networks ?? {})) {
        expect(networks.has(network), `${name} joins ${network}`).toBe(true);
      }
    }
  });

  it('runs the database and the bus always, the migrations and the four parts in one profile each', () => {
    const byProfile = (profile?: string) =>
      Object.entries(services)
        .filter(([, service]) => (profile ? service.profiles?.includes(profile) : !service.profiles?.length))
        .map(([name]) => name)
        .sort();
    const tier = [...MIGRATIONS, ...PARTS].sort();
    expect(byProfile()).toEqual(INFRASTRUCTURE);
    expect(byProfile('dev')).toEqual(tier);
    expect(byProfile('prod')).toEqual(tier.map((name) => `${name}-prod`).sort());
  });

  describe.each(['dev', 'prod'] as const)('profile %s', (profile) => {
    const service = (name: string) => services[inProfile(name, profile)];

    it('publishes only the gateway, on 8080', () => {
      const publishing = Object.entries(services).filter(
        ([, candidate]) =>
          (candidate.ports ?? []).length > 0 && (!candidate.profiles || candidate.profiles.includes(profile)),
      );
      expect(publishing.map(([name]) => name)).toEqual([inProfile('gateway', profile)]);
      const [port] = service('gateway')?.ports ?? [];
      const published = typeof port === 'string' ? port.split(':')[0] : String(port?.published);
      expect(published).toBe('8080');
    });

    it('gives every part a /readyz health check', () => {
      for (const name of PARTS)
        expect(service(name)?.healthcheck?.test?.join(' '), name).toContain('/readyz');
    });

    it('starts each service only after its migration completed and its dependencies are healthy', () => {
      const needs = (name: string) =>
        Object.fromEntries(
          Object.entries(service(name)?.depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]),
        );
      expect(needs('auth')).toMatchObject({
        [inProfile('auth-migrate', profile)]: 'service_completed_successfully',
        nats: 'service_healthy',
      });
      expect(needs('todos')).toMatchObject({
        [inProfile('todos-migrate', profile)]: 'service_completed_successfully',
        nats: 'service_healthy',
        [inProfile('auth', profile)]: 'service_healthy',
      });
      for (const job of MIGRATIONS) {
        expect(needs(job)).toEqual({ 'db-init': 'service_completed_successfully' });
        expect(service(job)?.command).toEqual(['node', 'src/migrate.ts']);
      }
      expect(services['db-init']?.depends_on).toEqual({ cockroach: { condition: 'service_healthy' } });
      expect(needs('gateway')).toMatchObject({
        [inProfile('auth', profile)]: 'service_healthy',
        [inProfile('todos', profile)]: 'service_healthy',
        [inProfile('web', profile)]: 'service_healthy',
      });
    });

    it('runs each migration with the image and the environment of its service', () => {
      expect(service('auth-migrate')?.image).toBe(service('auth')?.image);
      expect(service('auth-migrate')?.environment).toEqual(service('auth')?.environment);
      expect(service('todos-migrate')?.image).toBe(service('todos')?.image);
      expect(service('todos-migrate')?.environment).toEqual(service('todos')?.environment);
    });

    it('listens on all interfaces and points each service at its own database and the other parts', () => {
      for (const name of PARTS) expect(service(name)?.environment?.HOST, name).toBe('0.0.0.0');
      expect(service('auth')?.environment?.DATABASE_URL).toMatch(/@cockroach:26257\/auth\b/);
      expect(service('todos')?.environment?.DATABASE_URL).toMatch(/@cockroach:26257\/todos\b/);
      expect(service('gateway')?.environment).toMatchObject({
        AUTH_URL: 'http://auth:8081',
        TODOS_URL: 'http://todos:8082',
        WEB_URL: 'http://web:3000',
      });
      if (profile === 'prod') {
        // The prod services answer to the dev names, so the URLs above reach them.
        for (const name of PARTS) expect(service(name)?.networks?.default?.aliases, name).toEqual([name]);
      }
    });

    it('lets auth and todos believe the X-Forwarded-* the gateway sets, and keeps one stream replica', () => {
      for (const name of ['auth', 'todos']) {
        expect(service(name)?.environment?.TRUST_PROXY, name).toBe('10.0.0.0/8,172.16.0.0/12,192.168.0.0/16');
      }
      for (const name of ['auth', 'todos', 'gateway']) {
        expect(service(name)?.environment?.NATS_STREAM_REPLICAS, name).toBe('1');
      }
    });
  });

  it('falls back, in dev only, to a key secret that says it is for development only', () => {
    const secret = services.auth?.environment?.KEY_ENCRYPTION_SECRET ?? '';
    expect(secret).toMatch(/^dev-only-/);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(services['auth-prod']?.environment?.KEY_ENCRYPTION_SECRET).toBe('');
    const configured = config({ KEY_ENCRYPTION_SECRET: 'k'.repeat(40) });
    expect(configured['auth-prod']?.environment?.KEY_ENCRYPTION_SECRET).toBe('k'.repeat(40));
  });

  it('lets auth accept that published secret in dev only (ALLOW_DEV_SECRET), and refuses it in prod', () => {
    expect(services.auth?.environment?.ALLOW_DEV_SECRET).toBe('true');
    expect(services['auth-prod']?.environment?.ALLOW_DEV_SECRET).not.toBe('true');
    const devEnv = services.auth?.environment ?? {};
    expect(checkPartConfig('services/auth', devEnv).ok).toBe(true);
    // Someone running prod with the dev fallback pasted in: auth stops at boot, naming the variable.
    const leaked = services.auth?.environment?.KEY_ENCRYPTION_SECRET ?? '';
    const prodEnv = config({ KEY_ENCRYPTION_SECRET: leaked })['auth-prod']?.environment ?? {};
    const check = checkPartConfig('services/auth', prodEnv);
    expect(check.ok ? [] : check.issues).toEqual([
      expect.stringMatching(/^KEY_ENCRYPTION_SECRET: is a published development secret/),
    ]);
  });

  it('builds the dev images from this tree; prod runs the production images of REGISTRY/TAG, unbuilt', () => {
    for (const name of [...PARTS, ...MIGRATIONS]) {
      expect(services[name]?.build, name).toBeDefined();
      expect(services[`${name}-prod`]?.build, `${name}-prod`).toBeUndefined();
    }
    const released = config({ REGISTRY: 'registry.example.com/todo-bus', TAG: '1.2.3' });
    for (const name of PARTS) {
      expect(released[`${name}-prod`]?.image).toBe(`registry.example.com/todo-bus/${name}:1.2.3`);
    }
  });

  it('runs the prod parts as production does: no mounts, read-only, non-root, no capabilities, limited', () => {
    for (const name of [...PARTS, ...MIGRATIONS].map((part) => `${part}-prod`)) {
      const service = services[name];
      expect(service?.volumes ?? [], name).toEqual([]);
      expect(service?.read_only, name).toBe(true);
      expect(service?.user, name).toBe('1000:1000');
      expect(service?.cap_drop, name).toEqual(['ALL']);
      expect(service?.security_opt, name).toContain('no-new-privileges:true');
      expect(service?.mem_limit, name).toBeDefined();
      expect(service?.cpus, name).toBeDefined();
    }
  });

  it('runs JetStream from deploy/nats/nats.conf, which fsyncs every write', () => {
    const mounts = (services.nats?.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? volume : (volume.source ?? ''),
    );
    expect(mounts.some((volume) => volume.includes('deploy/nats/nats.conf'))).toBe(true);
    expect(readFileSync(join(REPO_ROOT, 'deploy/nats/nats.conf'), 'utf8')).toMatch(/sync_interval:\s*always/);
  });
});
