import { describe, expect, it } from 'vitest';
import {
  assembleEnv,
  databaseUrl,
  DEFAULT_OPERATIONS_PORTS,
  DEFAULT_PORTS,
  inheritedEnv,
  partEnv,
  type SystemSettings,
} from '../src/env.ts';
import { childPath } from '../src/parts.ts';

const settings: SystemSettings = {
  ports: DEFAULT_PORTS,
  operationsPorts: DEFAULT_OPERATIONS_PORTS,
  host: '127.0.0.1',
  databaseAdminUrl: 'postgres://postgres:secret@127.0.0.1:5433/postgres?sslmode=disable',
  databases: { auth: 'auth', todos: 'todos' },
  natsUrl: 'nats://127.0.0.1:4222',
  natsNamespace: '',
  keyEncryptionSecret: 'k'.repeat(43),
  publicUrl: 'http://localhost:8080',
};

describe('databaseUrl', () => {
  it('points the admin URL at another database, keeping credentials and parameters', () => {
    expect(databaseUrl(settings.databaseAdminUrl, 'todos')).toBe(
      'postgres://postgres:secret@127.0.0.1:5433/todos?sslmode=disable',
    );
    expect(databaseUrl('postgres://root@127.0.0.1:5432', 'auth')).toBe('postgres://root@127.0.0.1:5432/auth');
  });
});

describe('partEnv', () => {
  it('gives auth its database, the bus and the key encryption secret', () => {
    expect(partEnv('auth', settings)).toEqual({
      HOST: '127.0.0.1',
      PORT: '8081',
      OPERATIONS_PORT: '9181',
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_NAMESPACE: '',
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:5433/auth?sslmode=disable',
      KEY_ENCRYPTION_SECRET: 'k'.repeat(43),
    });
  });

  it('gives todos its own database and the JWKS of auth, and no key secret', () => {
    const env = partEnv('todos', { ...settings, ports: { ...DEFAULT_PORTS, auth: 9001, todos: 9002 } });
    expect(env.PORT).toBe('9002');
    expect(env.OPERATIONS_PORT).toBe('9182');
    expect(env.DATABASE_URL).toContain('/todos?');
    expect(env.JWKS_URL).toBe('http://127.0.0.1:9001/.well-known/jwks.json');
    expect(env).not.toHaveProperty('KEY_ENCRYPTION_SECRET');
  });

  it('points the gateway at the other parts on their configured ports', () => {
    const ports = { gateway: 1, auth: 2, todos: 3, web: 4 };
    expect(partEnv('gateway', { ...settings, ports })).toMatchObject({
      PORT: '1',
      AUTH_URL: 'http://127.0.0.1:2',
      TODOS_URL: 'http://127.0.0.1:3',
      WEB_URL: 'http://127.0.0.1:4',
      JWKS_URL: 'http://127.0.0.1:2/.well-known/jwks.json',
    });
  });

  it('tells web where the API is and which origin the browser sees', () => {
    expect(partEnv('web', settings)).toEqual({
      HOST: '127.0.0.1',
      PORT: '3000',
      API_URL: 'http://127.0.0.1:8080',
      ORIGIN: 'http://localhost:8080',
    });
  });
});

describe('assembleEnv', () => {
  it('layers shell < computed < overrides and drops an empty namespace', () => {
    const env = assembleEnv(
      'todos',
      settings,
      { PATH: '/bin', PORT: '1', LOG_LEVEL: 'debug' },
      { LOG_LEVEL: 'warn' },
    );
    expect(env.PATH).toBe('/bin');
    expect(env.PORT).toBe('8082');
    expect(env.LOG_LEVEL).toBe('warn');
    expect(env).not.toHaveProperty('NATS_NAMESPACE');
    expect(assembleEnv('todos', { ...settings, natsNamespace: 'e2e1' }, {}).NATS_NAMESPACE).toBe('e2e1');
  });
});

describe('inheritedEnv', () => {
  it("keeps the shell's variables but not npm's, vitest's or NODE_ENV", () => {
    expect(
      inheritedEnv({
        HOME: '/root',
        npm_lifecycle_event: 'start',
        VITEST_POOL_ID: '1',
        NODE_ENV: 'test',
        X: undefined,
      }),
    ).toEqual({ HOME: '/root' });
  });
});

describe('childPath', () => {
  it("puts the project's bin folder and this Node before the shell's PATH", () => {
    expect(childPath('/repo', '/repo/node_modules/node/bin/node', '/usr/bin')).toBe(
      '/repo/node_modules/.bin:/repo/node_modules/node/bin:/usr/bin',
    );
  });
});
