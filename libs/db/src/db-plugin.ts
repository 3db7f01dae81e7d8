import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/http'; // brings the readinessChecks decorator's type
import type {} from '@todo-bus/telemetry'; // and the metrics registry's
import { Gauge, type Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
  }
  interface FastifyRequest {
    /** This request's own fork of the EntityManager: nothing is shared between requests. */
    em: EntityManager;
  }
}

export interface DbPluginOptions {
  ormOptions: Options;
}

async function db(app: FastifyInstance, { ormOptions }: DbPluginOptions) {
  const orm = await MikroORM.init(ormOptions);
  app.decorate('orm', orm);
  app.decorateRequest('em', null as unknown as EntityManager);
  app.addHook('onRequest', async (request) => {
    request.em = orm.em.fork();
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
export const dbPlugin = fp(db, { name: 'db' });

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
