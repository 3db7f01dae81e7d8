// Emergency signing-key rotation (a key may have leaked): `npm run rotate-keys -w services/auth`.
// The current key stops signing at once; tokens it signed stay valid until they expire (at most 15 min),
// and verifiers fetch the new key when they first meet its kid. Running auth replicas switch to the new key
// at their next key-ring refresh (within a minute); restart them for an immediate cut-over.
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfigOrExit } from '@todo-bus/config';
import { busNames, createUnitOfWork } from '@todo-bus/events';
import { createLogger } from '@todo-bus/logger';
import { configSchema } from './config.ts';
import { createKeyRing } from './keys/create-key-ring.ts';
import { signingKeyRepository } from './keys/signing-key.repository.ts';
import { authOrmOptions } from './orm.ts';

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
  await keyRing.rotateNow();
  logger.info(
    { signingKid: keyRing.signingKey().kid, published: keyRing.jwks().keys.length },
    'signing key rotated',
  );
} finally {
  await orm.close();
}
