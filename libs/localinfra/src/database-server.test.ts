import { describe, expect, it, vi } from 'vitest';
import { findDatabaseServer, type DatabaseServerDeps, type FoundDatabaseServer } from './database-server.ts';

function fakeServer(kind: FoundDatabaseServer['kind'], url: string): FoundDatabaseServer {
  return { kind, url, stop: vi.fn(() => Promise.resolve(undefined)) };
}

function fakeDeps(overrides: Partial<DatabaseServerDeps> = {}) {
  return {
    containerRuntimeAvailable: vi.fn(() => Promise.resolve(false)),
    startCockroachContainer: vi.fn(() =>
      Promise.resolve(fakeServer('cockroach-container', 'postgres://root@docker:26257/x')),
    ),
    findLocalPostgres: vi.fn(() =>
      Promise.resolve<string | undefined>('postgres://root@127.0.0.1:5432/postgres'),
    ),
    startEmbeddedPostgres: vi.fn(() =>
      Promise.resolve(fakeServer('embedded-postgres', 'postgres://p@127.0.0.1:1/postgres')),
    ),
    ...overrides,
  };
}

describe('findDatabaseServer', () => {
  it('uses an explicit URL without probing anything', async () => {
    const deps = fakeDeps();
    const server = await findDatabaseServer(
      { url: 'postgres://u@db:5432/postgres', allowContainers: true },
      deps,
    );
    expect(server).toMatchObject({ kind: 'env', url: 'postgres://u@db:5432/postgres' });
    expect(deps.containerRuntimeAvailable).not.toHaveBeenCalled();
    expect(deps.findLocalPostgres).not.toHaveBeenCalled();
  });

  it('starts a CockroachDB container when a runtime answers and containers are allowed', async () => {
    const deps = fakeDeps({ containerRuntimeAvailable: vi.fn(() => Promise.resolve(true)) });
    const server = await findDatabaseServer({ allowContainers: true }, deps);
    expect(server.kind).toBe('cockroach-container');
    expect(deps.findLocalPostgres).not.toHaveBeenCalled();
  });

  it('does not ask for a runtime when containers are not allowed', async () => {
    const deps = fakeDeps({ containerRuntimeAvailable: vi.fn(() => Promise.resolve(true)) });
    const server = await findDatabaseServer({}, deps);
    expect(server.kind).toBe('local-postgres');
    expect(deps.containerRuntimeAvailable).not.toHaveBeenCalled();
  });

  it('falls back to local PostgreSQL when no runtime answers', async () => {
    const deps = fakeDeps();
    const server = await findDatabaseServer({ allowContainers: true }, deps);
    expect(server).toMatchObject({ kind: 'local-postgres', url: 'postgres://root@127.0.0.1:5432/postgres' });
    expect(deps.startEmbeddedPostgres).not.toHaveBeenCalled();
  });

  it('starts embedded PostgreSQL in the given directory when nothing local answers', async () => {
    const deps = fakeDeps({ findLocalPostgres: vi.fn(() => Promise.resolve(undefined)) });
    const server = await findDatabaseServer({ dataDir: '/tmp/x/postgres' }, deps);
    expect(server.kind).toBe('embedded-postgres');
    expect(deps.startEmbeddedPostgres).toHaveBeenCalledWith({ dataDir: '/tmp/x/postgres' });
  });
});
