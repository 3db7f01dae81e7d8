import { MikroORM, RequestContext, type Options } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/telemetry'; // brings the readinessChecks and metrics decorators' types
import { Gauge, type Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
  }
}

export interface DbPluginOptions {
  ormOptions: Options;
}

async function db(app: FastifyInstance, { ormOptions }: DbPluginOptions) {
  const orm = await MikroORM.init(ormOptions);
  app.decorate('orm', orm);
  // One request, one fork: inside a request `orm.em` resolves to that request's own EntityManager, so
  // services built once at boot share nothing between requests.
  app.addHook('onRequest', (_request, _reply, done) => {
    RequestContext.create(orm.em, done);
  });

  app.readinessChecks.set('database', async () => {
    await orm.em.getConnection().execute('select 1');
  });
  let migrationsApplied = false;
  app.readinessChecks.set('migrations', async () => {
    if (migrationsApplied) return;
    const pending = await orm.migrator.getPending();
    if (pending.length > 0)
      throw new Error(`${pending.length} pending migration(s): run the migrate command`);
    migrationsApplied = true;
  });

  if (app.hasDecorator('metrics')) registerPoolGauge(app.metrics, orm);

  app.addHook('onClose', () => orm.close());
}

/** Owns the service's MikroORM instance: connects at registration, closes with the app. */
export const dbPlugin = fp(db, { name: 'db', dependencies: ['health'] });

/** Connections of the pg pool by state, read at scrape time: busy = total − idle; waiting = queued requests. */
function registerPoolGauge(registry: Registry, orm: MikroORM): void {
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const pool = await orm.em.getConnection().getNativeClient();
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}
