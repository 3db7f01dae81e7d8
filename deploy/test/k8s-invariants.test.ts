// What the rendered overlays promise operators: probes, resources, non-root pods, config from ConfigMaps and
// Secrets that each part's own config schema accepts, migrations before the services, highly available
// CockroachDB and JetStream, and only the gateway exposed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPartConfig } from './part-config.ts';
import {
  DEPLOY_DIR,
  find,
  OVERLAYS,
  ofKind,
  renderKustomization,
  renderOverlay,
  type K8sObject,
} from './render.ts';
import {
  allContainers,
  container,
  envValues,
  quantity,
  resolveEnv,
  workload,
  workloads,
  type Container,
} from './workloads.ts';

const APPS = { auth: 'services/auth', todos: 'services/todos', gateway: 'gateway', web: 'web' } as const;
type App = keyof typeof APPS;
const APP_NAMES = Object.keys(APPS) as App[];
const DATABASE_SERVICES = ['auth', 'todos'] as const;
const NATS_CLIENTS = ['auth', 'todos', 'gateway'] as const;

interface Spec<T> {
  spec: T;
}
type ServiceSpec = Spec<{
  type?: string;
  clusterIP?: string;
  externalIPs?: string[];
  selector?: Record<string, string>;
  ports: { name?: string; port: number; targetPort?: string | number }[];
}>;

/** A readable name for failures. */
const named = (kind: string, name: string, containerName?: string) =>
  containerName ? `${kind} ${name}, container ${containerName}` : `${kind} ${name}`;

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const { objects } = renderOverlay(overlay);
  const appPod = (app: App) => workload(objects, 'Deployment', app);
  const appContainer = (app: App) => container(appPod(app).pod, 'app');
  const appEnv = (app: App) => envValues(resolveEnv(appContainer(app), objects));

  describe('probes', () => {
    it.each(APP_NAMES)('%s is ready on /readyz and alive on /healthz, on the port it listens on', (app) => {
      const { ports = [], readinessProbe, livenessProbe } = appContainer(app);
      expect(readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(livenessProbe?.httpGet?.path).toBe('/healthz');
      // The Node parts are probed on their operations port (detailed readiness); the web app on its own.
      const variable = app === 'web' ? 'PORT' : 'OPERATIONS_PORT';
      for (const probe of [readinessProbe, livenessProbe]) {
        const port = ports.find(({ name, containerPort }) =>
          [name, containerPort].includes(probe?.httpGet?.port as string),
        );
        expect(port, `${app}: probe port ${probe?.httpGet?.port}`).toBeDefined();
        expect(appEnv(app)[variable]).toBe(String(port?.containerPort));
      }
    });

    it.each(NATS_CLIENTS)(
      '%s serves operations on a port of its own that the Ingress never routes',
      (app) => {
        const { ports = [] } = appContainer(app);
        const operations = ports.find(({ name }) => name === 'operations');
        expect(operations?.containerPort).toBe(Number(appEnv(app).OPERATIONS_PORT));
        expect(operations?.containerPort).not.toBe(Number(appEnv(app).PORT));
        const ingressBackends = JSON.stringify(ofKind(objects, 'Ingress'));
        expect(ingressBackends).not.toContain('operations');
        expect(ingressBackends).not.toContain(String(operations?.containerPort));
      },
    );

    it('gives every long-running container a readiness probe', () => {
      for (const { kind, name, pod } of workloads(objects).filter(({ kind }) => kind !== 'Job')) {
        for (const { name: containerName, readinessProbe } of pod.containers) {
          expect(readinessProbe, named(kind, name, containerName)).toBeDefined();
        }
      }
    });
  });

  it('gives every container, init containers too, CPU and memory requests and limits, requests <= limits', () => {
    expectResourceBounds(objects);
  });

  describe('security', () => {
    it('runs every pod as a non-root user with the restricted Pod Security profile', () => {
      expectRestrictedPods(objects);
    });

    it('has the namespace enforce the restricted Pod Security Standard', () => {
      const [namespace] = ofKind(objects, 'Namespace');
      expect(namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    });

    it('takes every secret value from a Secret, never from a literal in a manifest', () => {
      for (const { kind, name, pod } of workloads(objects)) {
        for (const item of allContainers(pod)) {
          for (const variable of item.env ?? []) {
            if (/SECRET|PASSWORD|TOKEN|KEY$/.test(variable.name)) {
              expect(
                variable.valueFrom?.secretKeyRef,
                `${named(kind, name, item.name)} ${variable.name}`,
              ).toBeDefined();
              expect(variable.value, `${named(kind, name, item.name)} ${variable.name}`).toBeUndefined();
            }
          }
        }
      }
    });
  });

  describe('configuration', () => {
    it.each(NATS_CLIENTS)('%s gets a configuration its own config schema accepts', (app) => {
      const check = checkPartConfig(APPS[app], appEnv(app));
      expect(check.ok ? [] : check.issues).toEqual([]);
    });

    it.each(DATABASE_SERVICES)('%s-migrate gets what the migrate command needs', (app) => {
      const job = workload(objects, 'Job', `${app}-migrate`);
      const values = envValues(resolveEnv(container(job.pod, 'migrate'), objects));
      const check = checkPartConfig(APPS[app], values, 'migrateConfigSchema');
      expect(check.ok ? [] : check.issues).toEqual([]);
    });

    it('points every in-cluster URL at a Service that exists, on a port it serves', () => {
      const services = ofKind<K8sObject & ServiceSpec>(objects, 'Service');
      for (const { kind, name, pod } of workloads(objects)) {
        for (const item of allContainers(pod)) {
          for (const [variable, { value }] of resolveEnv(item, objects)) {
            if (!/^[a-z]+:\/\//.test(value)) continue;
            const url = new URL(value);
            const service = services.find((candidate) => candidate.metadata.name === url.hostname);
            const where = `${named(kind, name, item.name)} ${variable}=${value}`;
            expect(service, where).toBeDefined();
            expect(
              service?.spec.ports.map((port) => String(port.port)),
              where,
            ).toContain(url.port);
          }
        }
      }
    });

    it('gives every Service pods to send to, on ports those pods declare', () => {
      for (const service of ofKind<K8sObject & ServiceSpec>(objects, 'Service')) {
        const pods = workloads(objects).filter(
          (candidate) =>
            candidate.kind !== 'Job' &&
            Object.entries(service.spec.selector ?? {}).every(
              ([key, value]) => candidate.labels[key] === value,
            ),
        );
        expect(pods.length, `Service ${service.metadata.name}`).toBe(1);
        const declared = pods[0]!.pod.containers.flatMap(({ ports = [] }) => ports);
        for (const { targetPort, port } of service.spec.ports) {
          const target = targetPort ?? port;
          expect(
            declared.some(({ name, containerPort }) => name === target || containerPort === target),
            `Service ${service.metadata.name} port ${port} -> ${target}`,
          ).toBe(true);
        }
      }
    });

    it('resolves every ConfigMap and Secret a pod uses, except the Secrets an operator creates in prod', () => {
      const missing = new Set<string>();
      const has = (kind: string, name = '') =>
        objects.some((o) => o.kind === kind && o.metadata.name === name);
      for (const { pod } of workloads(objects)) {
        for (const item of allContainers(pod)) {
          for (const { valueFrom } of item.env ?? []) {
            const secret = valueFrom?.secretKeyRef?.name;
            const configMap = valueFrom?.configMapKeyRef?.name;
            if (secret && !has('Secret', secret)) missing.add(`Secret ${secret}`);
            if (configMap && !has('ConfigMap', configMap)) missing.add(`ConfigMap ${configMap}`);
          }
          for (const { configMapRef, secretRef } of item.envFrom ?? []) {
            if (configMapRef && !has('ConfigMap', configMapRef.name))
              missing.add(`ConfigMap ${configMapRef.name}`);
            if (secretRef && !has('Secret', secretRef.name)) missing.add(`Secret ${secretRef.name}`);
          }
        }
        for (const { configMap, secret } of pod.volumes ?? []) {
          if (configMap && !has('ConfigMap', configMap.name)) missing.add(`ConfigMap ${configMap.name}`);
          if (secret && !has('Secret', secret.secretName)) missing.add(`Secret ${secret.secretName}`);
        }
      }
      for (const ingress of ofKind(objects, 'Ingress')) {
        for (const { secretName } of (ingress.spec as { tls?: { secretName: string }[] }).tls ?? []) {
          if (!has('Secret', secretName)) missing.add(`Secret ${secretName}`);
        }
      }
      expect([...missing].sort()).toEqual(overlay === 'prod' ? [...OPERATOR_SECRETS].sort() : []);
      if (overlay === 'prod') expect(ofKind(objects, 'Secret')).toEqual([]);
    });
  });

  describe('migrations', () => {
    const script = readFileSync(join(DEPLOY_DIR, 'k8s/base/config/wait-for-migrations.mjs'), 'utf8');

    it.each(DATABASE_SERVICES)('%s: a Job runs the migrate command of the same image, once', (app) => {
      const deployment = appPod(app);
      const job = workload(objects, 'Job', `${app}-migrate`);
      const migrate = container(job.pod, 'migrate');
      expect(migrate.args).toEqual(['node', 'src/migrate.ts']);
      expect(migrate.command).toBeUndefined(); // the image's tini entrypoint stays PID 1
      expect(migrate.image).toBe(appContainer(app).image);
      expect(envValues(resolveEnv(migrate, objects)).DATABASE_URL).toBe(appEnv(app).DATABASE_URL);
      expect(job.pod.restartPolicy).toBe('Never');
      const spec = (job.object as K8sObject & Spec<{ parallelism: number; completions: number }>).spec;
      expect([spec.parallelism, spec.completions]).toEqual([1, 1]);
      expect(deployment.pod.initContainers?.map((init) => init.name)).toEqual(['wait-for-migrations']);
    });

    it.each(DATABASE_SERVICES)(
      '%s: pods wait for the migrations of their own image before starting',
      (app) => {
        const { pod } = appPod(app);
        const wait = container(pod, 'wait-for-migrations');
        expect(wait.image).toBe(appContainer(app).image);
        expect(wait.args).toEqual(['node', '/opt/todo-bus/wait-for-migrations.mjs']);
        const env = envValues(resolveEnv(wait, objects));
        const appEnvironment = appEnv(app);
        expect(env.DATABASE_URL).toBe(appEnvironment.DATABASE_URL);
        expect(env.PGSSLMODE).toBe(appEnvironment.PGSSLMODE);
        const mount = wait.volumeMounts?.find((volumeMount) => volumeMount.mountPath === '/opt/todo-bus');
        const volume = pod.volumes?.find((candidate) => candidate.name === mount?.name);
        const configMap = find(objects, 'ConfigMap', volume?.configMap?.name ?? '');
        expect((configMap.data as Record<string, string>)['wait-for-migrations.mjs']).toBe(script);
      },
    );

    it.each(APP_NAMES)('%s: a rollout keeps the old pods until the new ones are ready', (app) => {
      const spec = (appPod(app).object as K8sObject & Spec<{ strategy: { rollingUpdate: object } }>).spec;
      expect(spec.strategy.rollingUpdate).toMatchObject({ maxUnavailable: 0 });
    });
  });

  describe('availability', () => {
    it.each(APP_NAMES)(
      '%s is scaled by a HorizontalPodAutoscaler and protected by a PodDisruptionBudget',
      (app) => {
        const { object, labels } = appPod(app);
        // The autoscaler owns the replica count: a `replicas` in the manifest would fight it on every apply.
        expect((object.spec as { replicas?: number }).replicas).toBeUndefined();
        const autoscaler = ofKind<K8sObject & Spec<Record<string, unknown>>>(
          objects,
          'HorizontalPodAutoscaler',
        ).find(({ spec }) => (spec.scaleTargetRef as { kind: string; name: string }).name === app);
        expect(autoscaler?.spec.scaleTargetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: app,
        });
        const [min, max] = [autoscaler?.spec.minReplicas as number, autoscaler?.spec.maxReplicas as number];
        expect(min).toBeGreaterThanOrEqual(overlay === 'prod' ? 3 : 1);
        expect(max).toBeGreaterThan(min);
        expectDisruptionBudget(objects, labels, app);
      },
    );

    it('runs CockroachDB as a 3-node StatefulSet, each node joining the other two, one node down at most', () => {
      const statefulSet = find<K8sObject & Spec<{ replicas: number; serviceName: string }>>(
        objects,
        'StatefulSet',
        'cockroachdb',
      );
      expect(statefulSet.spec.replicas).toBe(3);
      const start = container(
        workload(objects, 'StatefulSet', 'cockroachdb').pod,
        'cockroachdb',
      ).command?.join(' ');
      const join = /--join=(\S+)/.exec(start ?? '')?.[1]?.split(',');
      const { serviceName } = statefulSet.spec;
      expect(join).toEqual([0, 1, 2].map((ordinal) => `cockroachdb-${ordinal}.${serviceName}`));
      expectDisruptionBudget(objects, workload(objects, 'StatefulSet', 'cockroachdb').labels, 'cockroachdb');
    });

    it('runs NATS as a 3-server JetStream cluster that fsyncs every write, one server down at most', () => {
      const statefulSet = find<K8sObject & Spec<{ replicas: number; serviceName: string }>>(
        objects,
        'StatefulSet',
        'nats',
      );
      expect(statefulSet.spec.replicas).toBe(3);
      const { pod, labels } = workload(objects, 'StatefulSet', 'nats');
      const nats = container(pod, 'nats');
      const configFile = nats.args?.[nats.args.indexOf('--config') + 1] ?? '';
      const mount = nats.volumeMounts?.find(({ mountPath }) => configFile.startsWith(`${mountPath}/`));
      const volume = pod.volumes?.find(({ name }) => name === mount?.name);
      const config = (
        find(objects, 'ConfigMap', volume?.configMap?.name ?? '').data as Record<string, string>
      )[configFile.slice(`${mount?.mountPath}/`.length)];
      expect(config).toMatch(/jetstream\s*\{[^}]*sync_interval:\s*always/);
      const clusterPort = nats.ports?.find(({ name }) => name === 'cluster')?.containerPort;
      const routes = [...(config?.match(/routes:\s*\[([^\]]*)\]/)?.[1]?.matchAll(/nats:\/\/(\S+)/g) ?? [])];
      expect(routes.map(([, route]) => route)).toEqual(
        [0, 1, 2].map((ordinal) => `nats-${ordinal}.${statefulSet.spec.serviceName}:${clusterPort}`),
      );
      expect(config).toMatch(/server_name:\s*\$SERVER_NAME/);
      expect(resolveEnv(nats, objects).get('SERVER_NAME')?.value).toBe('«field metadata.name»');
      expectDisruptionBudget(objects, labels, 'nats');
    });

    it.each(NATS_CLIENTS)('%s creates its JetStream streams with 3 replicas', (app) => {
      expect(appEnv(app).NATS_STREAM_REPLICAS).toBe('3');
      // ... under the name the part's own config schema reads.
      const check = checkPartConfig(APPS[app], appEnv(app));
      expect(check.ok && check.config.NATS_STREAM_REPLICAS).toBe(3);
    });
  });

  describe('CockroachDB security', () => {
    const cockroach = () => container(workload(objects, 'StatefulSet', 'cockroachdb').pod, 'cockroachdb');
    const databaseClients = (): Container[] => [
      ...DATABASE_SERVICES.flatMap((app) => allContainers(appPod(app).pod)),
      ...DATABASE_SERVICES.map((app) => container(workload(objects, 'Job', `${app}-migrate`).pod, 'migrate')),
    ];
    const commandLines = () =>
      workloads(objects).flatMap(({ pod }) =>
        allContainers(pod).flatMap((item) => [
          ...(item.command ?? []),
          ...(item.args ?? []),
          ...[...resolveEnv(item, objects).values()].map(({ value }) => value),
        ]),
      );

    if (overlay === 'prod') {
      it('runs in secure mode: node certificates, TLS health checks, nothing started with --insecure', () => {
        expect(resolveEnv(cockroach(), objects).get('CRDB_SECURITY_FLAGS')?.value).toBe(
          '--certs-dir=/cockroach/cockroach-certs',
        );
        expect(cockroach().readinessProbe?.httpGet?.scheme).toBe('HTTPS');
        expect(commandLines().filter((line) => line.includes('--insecure'))).toEqual([]);
      });

      it('has every database client verify the server certificate against the cluster CA', () => {
        for (const client of databaseClients()) {
          const env = envValues(resolveEnv(client, objects));
          expect(env.PGSSLMODE, client.name).toBe('verify-full');
          const caFile = env.NODE_EXTRA_CA_CERTS ?? '';
          expect(
            client.volumeMounts?.some(({ mountPath }) => caFile.startsWith(`${mountPath}/`)),
            `${client.name}: ${caFile} is mounted`,
          ).toBe(true);
        }
      });
    } else {
      it('runs in insecure mode, which only a development cluster may', () => {
        expect(resolveEnv(cockroach(), objects).get('CRDB_SECURITY_FLAGS')?.value).toBe('--insecure');
        expect(find(objects, 'Namespace', 'todo-bus-dev')).toBeDefined();
      });
    }

    it.each(DATABASE_SERVICES)('%s connects as its own SQL user to its own database', (app) => {
      const url = new URL(appEnv(app).DATABASE_URL ?? '');
      expect([url.username, url.pathname, url.hostname]).toEqual([app, `/${app}`, 'cockroachdb-public']);
      expect(resolveEnv(appContainer(app), objects).get('DATABASE_URL')?.fromSecret).toBe(true);
    });
  });

  describe('exposure', () => {
    it('publishes no port outside the cluster but through the Ingress, which leads to the gateway only', () => {
      for (const service of ofKind<K8sObject & ServiceSpec>(objects, 'Service')) {
        expect(service.spec.type ?? 'ClusterIP', service.metadata.name).toBe('ClusterIP');
        expect(service.spec.externalIPs ?? [], service.metadata.name).toEqual([]);
      }
      const backends = ofKind(objects, 'Ingress').flatMap((ingress) => {
        const spec = ingress.spec as {
          defaultBackend?: { service?: { name: string } };
          rules?: { http?: { paths: { backend: { service?: { name: string } } }[] } }[];
        };
        return [
          ...(spec.defaultBackend ? [spec.defaultBackend] : []),
          ...(spec.rules ?? []).flatMap((rule) => rule.http?.paths.map((path) => path.backend) ?? []),
        ].map((backend) => backend.service?.name);
      });
      expect(new Set(backends)).toEqual(new Set(['gateway']));
    });

    if (overlay === 'prod') {
      it('serves the public host over TLS and runs released images pinned by tag', () => {
        const ingress = find<K8sObject & Spec<{ tls?: { hosts: string[] }[]; rules: { host: string }[] }>>(
          objects,
          'Ingress',
          'gateway',
        );
        expect(ingress.spec.tls?.flatMap((tls) => tls.hosts)).toEqual(
          ingress.spec.rules.map((rule) => rule.host),
        );
        for (const { kind, name, pod } of workloads(objects)) {
          for (const { image = '' } of allContainers(pod)) {
            expect(image, named(kind, name)).toMatch(/^[^:]+:(?!latest$|dev$)[\w.-]+$|@sha256:/);
          }
        }
      });
    }
  });
});

/** The Secrets deploy/README.md tells the operator to create before the first prod install. */
const OPERATOR_SECRETS = [
  'Secret cockroachdb-license',
  'Secret auth-secrets',
  'Secret todos-secrets',
  'Secret cockroachdb-node',
  'Secret cockroachdb-client-root',
  'Secret cockroachdb-ca',
  'Secret todo-bus-tls',
];

function expectDisruptionBudget(objects: K8sObject[], podLabels: Record<string, string>, name: string): void {
  const budgets = ofKind<
    K8sObject & Spec<{ selector: { matchLabels: Record<string, string> }; maxUnavailable?: number }>
  >(objects, 'PodDisruptionBudget').filter(({ spec }) =>
    Object.entries(spec.selector.matchLabels).every(([key, value]) => podLabels[key] === value),
  );
  expect(
    budgets.map((budget) => budget.spec.maxUnavailable),
    `PodDisruptionBudget of ${name}`,
  ).toEqual([1]);
}

/** The restricted Pod Security Standard, and a little more: no API token, a read-only root filesystem. */
function expectRestrictedPods(objects: K8sObject[]): void {
  for (const { kind, name, pod } of workloads(objects)) {
    const where = named(kind, name);
    expect(pod.securityContext?.runAsNonRoot, where).toBe(true);
    // Numeric: the kubelet cannot check a named image user (`USER node`) against runAsNonRoot.
    expect(pod.securityContext?.runAsUser, where).toBeGreaterThan(0);
    expect(pod.securityContext?.seccompProfile?.type, where).toBe('RuntimeDefault');
    expect(pod.automountServiceAccountToken, `${where}: API token`).toBe(false);
    expect([pod.hostNetwork, pod.hostPID, pod.hostIPC].some(Boolean), where).toBe(false);
    for (const { name: containerName, securityContext, ports = [] } of allContainers(pod)) {
      const inContainer = named(kind, name, containerName);
      expect(securityContext?.runAsUser ?? 1, inContainer).not.toBe(0);
      expect(securityContext?.allowPrivilegeEscalation, inContainer).toBe(false);
      expect(securityContext?.privileged ?? false, inContainer).toBe(false);
      expect(securityContext?.readOnlyRootFilesystem, inContainer).toBe(true);
      expect(securityContext?.capabilities?.drop, inContainer).toEqual(['ALL']);
      expect(securityContext?.capabilities?.add ?? [], inContainer).toEqual([]);
      expect(
        ports.filter((port) => port.hostPort !== undefined),
        inContainer,
      ).toEqual([]);
    }
    for (const volume of pod.volumes ?? []) {
      expect(volume.hostPath, `${where}: hostPath volume ${volume.name}`).toBeUndefined();
    }
  }
}

function expectResourceBounds(objects: K8sObject[]): void {
  for (const { kind, name, pod } of workloads(objects)) {
    for (const { name: containerName, resources } of allContainers(pod)) {
      const where = named(kind, name, containerName);
      for (const resource of ['cpu', 'memory']) {
        const request = resources?.requests?.[resource];
        const limit = resources?.limits?.[resource];
        expect(request, `${where}: ${resource} request`).toBeDefined();
        expect(limit, `${where}: ${resource} limit`).toBeDefined();
        expect(quantity(request!), `${where}: ${resource}`).toBeLessThanOrEqual(quantity(limit!));
      }
    }
  }
}

describe("deploy/k8s/tools/sql-client (an operator's SQL shell)", () => {
  const { objects } = renderKustomization('tools/sql-client');

  it('runs as a restricted, bounded pod like the rest', () => {
    expect(workloads(objects).map(({ kind, name }) => `${kind} ${name}`)).toEqual([
      'Pod cockroachdb-sql-client',
    ]);
    expectRestrictedPods(objects);
    expectResourceBounds(objects);
  });
});

describe('deploy/README.md', () => {
  it('tells the operator how to create every Secret the prod overlay needs', () => {
    const readme = readFileSync(join(DEPLOY_DIR, 'README.md'), 'utf8');
    for (const secret of OPERATOR_SECRETS.map((entry) => entry.replace('Secret ', ''))) {
      expect(readme, secret).toMatch(new RegExp(`kubectl[^\\n]* create secret (generic|tls) ${secret}\\b`));
    }
  });
});
