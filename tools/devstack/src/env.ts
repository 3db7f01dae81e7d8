// The environment of every part, per docs/runtime-contract.md. Pure, so it is unit-tested.

export const PART_NAMES = ['auth', 'todos', 'web', 'gateway'] as const;
export type PartName = (typeof PART_NAMES)[number];
export type Ports = Record<PartName, number>;
export type Env = Record<string, string>;

export const DEFAULT_PORTS: Ports = { gateway: 8080, auth: 8081, todos: 8082, web: 3000 };

/** The parts with an operations port (/metrics, detailed /readyz): never the public one. */
export const OPERATED_PARTS = ['auth', 'todos', 'gateway'] as const;
export type OperationsPorts = Record<(typeof OPERATED_PARTS)[number], number>;
/** Each part's default OPERATIONS_PORT (its PORT + 1100). */
export const DEFAULT_OPERATIONS_PORTS: OperationsPorts = { gateway: 9180, auth: 9181, todos: 9182 };

export interface SystemSettings {
  ports: Ports;
  operationsPorts: OperationsPorts;
  /** Where the parts listen and call each other. */
  host: string;
  /** Admin URL of the database server; each service gets it with its own database name. */
  databaseAdminUrl: string;
  databases: { auth: string; todos: string };
  natsUrl: string;
  /** Empty for `npm start`; a prefix of streams and subjects so isolated runs share one NATS server. */
  natsNamespace: string;
  keyEncryptionSecret: string;
  /** The URL the browser uses: the gateway's. */
  publicUrl: string;
}

/** `adminUrl` pointing at database `name`, keeping credentials and query parameters. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The variables of the shell that reach the parts: npm's and vitest's own ones are left out, so that a part
 * started from `npm start` or from a test behaves as one started by hand.
 */
export function inheritedEnv(shellEnv: Record<string, string | undefined>): Env {
  const env: Env = {};
  for (const [key, value] of Object.entries(shellEnv)) {
    if (value === undefined || key.startsWith('npm_') || key.startsWith('VITEST') || key === 'NODE_ENV')
      continue;
    env[key] = value;
  }
  return env;
}

/** The variables a part needs, given where everything runs. The migrate command of a service gets the same. */
export function partEnv(part: PartName, settings: SystemSettings): Env {
  const { ports, host } = settings;
  const local = (port: number) => `http://${host}:${port}`;
  const bus = { NATS_URL: settings.natsUrl, NATS_NAMESPACE: settings.natsNamespace };
  const jwks = { JWKS_URL: `${local(ports.auth)}/.well-known/jwks.json` };
  const listen = {
    HOST: host,
    PORT: String(ports[part]),
    ...(part === 'web' ? {} : { OPERATIONS_PORT: String(settings.operationsPorts[part]) }),
  };
  switch (part) {
    case 'auth':
      return {
        ...listen,
        ...bus,
        DATABASE_URL: databaseUrl(settings.databaseAdminUrl, settings.databases.auth),
        KEY_ENCRYPTION_SECRET: settings.keyEncryptionSecret,
      };
    case 'todos':
      return {
        ...listen,
        ...bus,
        ...jwks,
        DATABASE_URL: databaseUrl(settings.databaseAdminUrl, settings.databases.todos),
      };
    case 'gateway':
      return {
        ...listen,
        ...bus,
        ...jwks,
        AUTH_URL: local(ports.auth),
        TODOS_URL: local(ports.todos),
        WEB_URL: local(ports.web),
      };
    case 'web':
      return { ...listen, API_URL: local(ports.gateway), ORIGIN: settings.publicUrl };
  }
}

/**
 * The whole environment of a part's process: the shell's, then what the part needs, then the caller's
 * overrides. An empty NATS_NAMESPACE is left out rather than passed as '' (the contract's default).
 */
export function assembleEnv(
  part: PartName,
  settings: SystemSettings,
  shellEnv: Env,
  overrides: Env = {},
): Env {
  const env = { ...shellEnv, ...partEnv(part, settings), ...overrides };
  if (env.NATS_NAMESPACE === '') delete env.NATS_NAMESPACE;
  return env;
}
