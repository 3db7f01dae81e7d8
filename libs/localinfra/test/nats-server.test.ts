import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { findNatsServer } from '../src/nats-server.ts';
import { tcpPortAnswers } from '../src/ports.ts';
import { findNatsServerBinary } from '../src/spawn-nats-server.ts';

// Integration: this machine runs nats-server 2.9 with JetStream on 127.0.0.1:4222 and has /usr/sbin/nats-server.
describe('findNatsServer on this machine', () => {
  it('picks the local server on port 4222', async () => {
    const server = await findNatsServer({ allowContainers: true });
    expect(server).toMatchObject({ kind: 'local', url: 'nats://127.0.0.1:4222' });
    await server.stop(); // found, not started: must leave it running
    expect(await tcpPortAnswers('127.0.0.1', 4222)).toBe(true);
  });

  it('finds the nats-server binary even when /usr/sbin is not on PATH', () => {
    const path = process.env.PATH;
    process.env.PATH = '/usr/bin:/bin';
    try {
      expect(findNatsServerBinary()).toMatch(/nats-server$/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('spawns nats-server with JetStream on a free port when nothing local answers; stop() ends it', async () => {
    const server = await findNatsServer({}, { natsJetStreamAnswers: () => Promise.resolve(false) });
    expect(server.kind).toBe('spawned');
    const port = Number(new URL(server.url).port);
    expect(port).not.toBe(4222);
    const connection = await connect({ servers: server.url });
    const manager = await jetstreamManager(connection);
    await manager.streams.add({ name: 'SPAWN_CHECK', subjects: ['spawn.check.>'] });
    expect((await manager.streams.info('SPAWN_CHECK')).config.name).toBe('SPAWN_CHECK');
    await connection.close();

    await server.stop();
    expect(await tcpPortAnswers('127.0.0.1', port)).toBe(false);
  });

  it('crashes with SIGKILL and restarts on the same port with the stored messages (fault tests)', async () => {
    const server = await findNatsServer({}, { natsJetStreamAnswers: () => Promise.resolve(false) });
    try {
      const faults = server.faults;
      if (!faults) throw new Error('a spawned server offers faults');
      const pid = faults.pid;
      const connection = await connect({ servers: server.url });
      const manager = await jetstreamManager(connection);
      await manager.streams.add({ name: 'CRASH_CHECK', subjects: ['crash.check'] });
      await jetstream(connection).publish('crash.check', 'kept');
      await connection.close();

      await faults.crash();
      expect(faults.pid).toBeUndefined();
      expect(() => process.kill(pid ?? -1, 0)).toThrow();
      expect(await tcpPortAnswers('127.0.0.1', Number(new URL(server.url).port))).toBe(false);

      await faults.restart();
      expect(faults.pid).not.toBe(pid);
      const again = await connect({ servers: server.url });
      const info = await (await jetstreamManager(again)).streams.info('CRASH_CHECK');
      expect(info.state.messages).toBe(1);
      await again.close();
    } finally {
      await server.stop();
    }
  });

  it('offers no faults for a server it merely found', async () => {
    expect((await findNatsServer({ allowContainers: true })).faults).toBeUndefined();
  });
});
