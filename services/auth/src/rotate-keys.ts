// Signing-key rotation now: `npm run rotate-keys -w services/auth [-- --compromised]`.
// Planned: the current key stops signing; tokens it signed stay valid until they expire (at most 15 min).
// `--compromised` (the key leaked): it also leaves the JWKS, so every verifier refuses its tokens at its next
// key-set refresh (5 s) and their owners renew them with their refresh tokens. Running auth replicas switch
// to the new key, and stop publishing a compromised one, at their next key-ring refresh (5 s); no restart.
import { MikroORM } from '@mikro-orm/postgresql';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@todo-bus/config';
import { busNames, createUnitOfWork } from '@todo-bus/events';
import { createLogger } from '@todo-bus/logger';
import { configSchema } from './config.ts';
import { createKeyRing } from './keys/create-key-ring.ts';
import { signingKeyRepository } from './keys/signing-key.repository.ts';
import { authOrmOptions } from './orm.ts';

const { values: flags } = parseArgs({ options: { compromised: { type: 'boolean', default: false } } });
const config = loadConfigOrExit(configSchema, process.env);
const logger = createLogger({
  name: 'auth-rotate-keys',
  level: config.LOG_LEVEL,
  pretty: process.stdout.isTTY,
});
const orm = await MikroORM.init(authOrmOptions(config.DATABASE_URL));
try {
  // No relay runs here and key rotation emits nothing, so nothing needs waking after commit.
  const transaction = createUnitOfWork({
    em: orm.em,
    names: busNames(config.NATS_NAMESPACE),
    scope: (em) => ({ keys: signingKeyRepository(em) }),
  });
  const keyRing = createKeyRing(transaction, config);
  await keyRing.rotateNow({ compromised: flags.compromised });
  logger.info(
    {
      signingKid: keyRing.signingKey().kid,
      published: keyRing.jwks().keys.length,
      compromised: flags.compromised,
    },
    flags.compromised ? 'signing key rotated and withdrawn (compromised)' : 'signing key rotated',
  );
} finally {
  await orm.close();
}
