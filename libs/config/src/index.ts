/** Loads a part's environment through a zod schema, once, at boot. */
export { loadConfig, loadConfigOrExit, ConfigError, formatConfigIssues } from './load-config.ts';
export { port, urlString, commaList, logLevel, secret } from './fields.ts';
export {
  serverEnv,
  natsEnv,
  tokenVerificationEnv,
  databaseEnv,
  databaseConnection,
} from './shared-fields.ts';
