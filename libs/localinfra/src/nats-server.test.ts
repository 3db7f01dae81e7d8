import { describe, expect, it, vi } from 'vitest';
import { findNatsServer, type FoundNatsServer, type NatsServerDeps } from './nats-server.ts';

function fakeServer(kind: FoundNatsServer['kind'], url: string): FoundNatsServer {
  return { kind, url, stop: vi.fn(() => Promise.resolve(undefined)) };
}

function fakeDeps(overrides: Partial<NatsServerDeps> = {}) {
  return {
    containerRuntimeAvailable: vi.fn(() => Promise.resolve(false)),
    startNatsContainer: vi.fn(() => Promise.resolve(fakeServer('nats-container', 'nats://docker:32768'))),
    natsJetStreamAnswers: vi.fn(() => Promise.resolve(true)),
    findNatsServerBinary: vi.fn((): string | undefined => '/usr/sbin/nats-server'),
    spawnNatsServer: vi.fn(() => Promise.resolve(fakeServer('spawned', 'nats://127.0.0.1:40000'))),
    ...overrides,
  };
}

describe('findNatsServer', () => {
  it('uses an explicit URL without probing anything', async () => {
    const deps = fakeDeps();
    const server = await findNatsServer({ url: 'nats://bus:4222', allowContainers: true }, deps);
    expect(server).toMatchObject({ kind: 'env', url: 'nats://bus:4222' });
    expect(deps.containerRuntimeAvailable).not.toHaveBeenCalled();
    expect(deps.natsJetStreamAnswers).not.toHaveBeenCalled();
  });

  it('starts a NATS container when a runtime answers and containers are allowed', async () => {
    const deps = fakeDeps({ containerRuntimeAvailable: vi.fn(() => Promise.resolve(true)) });
    expect((await findNatsServer({ allowContainers: true }, deps)).kind).toBe('nats-container');
    expect(deps.natsJetStreamAnswers).not.toHaveBeenCalled();
  });

  it('uses the local server when it answers with JetStream', async () => {
    const deps = fakeDeps();
    const server = await findNatsServer({ allowContainers: true }, deps);
    expect(server).toMatchObject({ kind: 'local', url: 'nats://127.0.0.1:4222' });
    expect(deps.spawnNatsServer).not.toHaveBeenCalled();
  });

  it('spawns nats-server when nothing local answers', async () => {
    const deps = fakeDeps({ natsJetStreamAnswers: vi.fn(() => Promise.resolve(false)) });
    const server = await findNatsServer({ storeDir: '/tmp/x/nats' }, deps);
    expect(server.kind).toBe('spawned');
    expect(deps.spawnNatsServer).toHaveBeenCalledWith({
      binary: '/usr/sbin/nats-server',
      storeDir: '/tmp/x/nats',
    });
  });

  it('explains how to install nats-server when there is none', async () => {
    const deps = fakeDeps({
      natsJetStreamAnswers: vi.fn(() => Promise.resolve(false)),
      findNatsServerBinary: () => undefined,
    });
    await expect(findNatsServer({}, deps)).rejects.toThrow(/apt-get install -y nats-server.*NATS_URL/);
  });
});
