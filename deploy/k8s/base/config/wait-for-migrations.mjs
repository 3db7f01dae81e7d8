// Init container of the auth and todos Deployments: waits until the database holds every migration this
// image ships, then exits 0 so the service starts. The release's migrate Job applies them: one runner at a
// time, because MikroORM's migrator must not run concurrently. Without this wait a new pod would start
// against the previous schema, and its outbox relay and consumers would run before the Job finished.
//
// Runs in the service's own image, from its WORKDIR (/app/services/<name>), with the service's DATABASE_URL
// (and PGSSLMODE / NODE_EXTRA_CA_CERTS in secure mode), so it sees exactly the migrations that image ships.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

const intervalMs = Number(process.env.MIGRATION_WAIT_INTERVAL_MS ?? 2000);

/** One pino-shaped JSON line, like the services' own logs. */
function log(level, msg, fields = {}) {
  const levels = { info: 30, warn: 40, error: 50 };
  process.stdout.write(
    `${JSON.stringify({ level: levels[level], time: Date.now(), name: 'wait-for-migrations', msg, ...fields })}\n`,
  );
}

if (!process.env.DATABASE_URL) {
  log('error', 'DATABASE_URL is required');
  process.exit(1);
}

// The service's own dependencies and ORM options, resolved from its directory (not from this script's).
const serviceDir = process.cwd();
const requireFromService = createRequire(join(serviceDir, 'package.json'));
const { MikroORM } = await import(pathToFileURL(requireFromService.resolve('@mikro-orm/postgresql')).href);
const { default: ormOptions } = await import(pathToFileURL(join(serviceDir, 'src/mikro-orm.config.ts')).href);

async function pendingMigrations() {
  const orm = await MikroORM.init(ormOptions);
  try {
    return (await orm.migrator.getPending()).map((migration) => migration.name);
  } finally {
    await orm.close();
  }
}

let lastReport = '';
for (;;) {
  let report;
  try {
    const pending = await pendingMigrations();
    if (pending.length === 0) break;
    report = `waiting for ${pending.length} migration(s): ${pending.join(', ')}`;
  } catch (error) {
    report = `database not ready: ${error instanceof Error ? error.message : String(error)}`;
  }
  // Say it once per change, not every poll.
  if (report !== lastReport) log('info', report);
  lastReport = report;
  await sleep(intervalMs);
}
log('info', 'every migration of this image is applied');
