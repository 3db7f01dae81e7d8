import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** True when a NATS server answers at `url` with JetStream enabled (a plain NATS server is not enough). */
export async function natsJetStreamAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  let connection;
  try {
    connection = await connect({
      servers: url,
      timeout: timeoutMs,
      reconnect: false,
      name: 'localinfra-probe',
    });
  } catch {
    return false;
  }
  try {
    // jetstreamManager asks the server for account info, which fails when JetStream is off.
    await jetstreamManager(connection, { timeout: timeoutMs });
    return true;
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
