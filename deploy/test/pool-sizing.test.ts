// The database's connection budget: CockroachDB runs best with about 4 active connections per vCPU of the whole
// cluster, and every replica of a part may open DB_POOL_MAX. The autoscalers' ceilings must respect it.
import { describe, expect, it } from 'vitest';
import { find, OVERLAYS, renderOverlay } from './render.ts';
import { container, envValues, quantity, resolveEnv, workload } from './workloads.ts';

const DATABASE_SERVICES = ['auth', 'todos'] as const;
const CONNECTIONS_PER_VCPU = 4;

describe.each(OVERLAYS)('overlay %s: database connections', (overlay) => {
  const { objects } = renderOverlay(overlay);

  it('Σ maxReplicas × DB_POOL_MAX of the database parts fits 4 connections per CockroachDB vCPU', () => {
    const cockroach = workload(objects, 'StatefulSet', 'cockroachdb');
    const nodes = (cockroach.object.spec as { replicas: number }).replicas;
    const cpu = container(cockroach.pod, 'cockroachdb').resources?.limits?.cpu;
    const budget = CONNECTIONS_PER_VCPU * nodes * quantity(cpu ?? 0);

    const demand = DATABASE_SERVICES.map((service) => {
      const { maxReplicas } = find(objects, 'HorizontalPodAutoscaler', service).spec as {
        maxReplicas: number;
      };
      const app = container(workload(objects, 'Deployment', service).pod, 'app');
      const poolMax = Number(envValues(resolveEnv(app, objects)).DB_POOL_MAX);
      expect(poolMax, `${service} sets DB_POOL_MAX`).toBeGreaterThan(0);
      return maxReplicas * poolMax;
    });
    expect(demand.reduce((sum, connections) => sum + connections, 0)).toBeLessThanOrEqual(budget);
  });
});
