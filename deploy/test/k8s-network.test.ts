// The NetworkPolicies, evaluated: only the gateway is reachable from outside the namespace (and only from the
// ingress controller), and each part reaches exactly what it needs: its database and NATS, little else.
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { describe, expect, it } from 'vitest';
import { NetworkPolicies, type Endpoint } from './network-policy.ts';
import { OVERLAYS, ofKind, renderOverlay } from './render.ts';
import { workloads } from './workloads.ts';

const DNS = ['kube-dns:53/TCP', 'kube-dns:53/UDP'];

/** Who may open connections to what, per part: `name:port/protocol`. */
const EXPECTED_EGRESS: Record<string, string[]> = {
  auth: ['cockroachdb:26257/TCP', 'nats:4222/TCP', ...DNS],
  todos: ['auth:8081/TCP', 'cockroachdb:26257/TCP', 'nats:4222/TCP', ...DNS],
  gateway: ['auth:8081/TCP', 'nats:4222/TCP', 'todos:8082/TCP', 'web:3000/TCP', ...DNS],
  web: ['gateway:8080/TCP', ...DNS],
  'auth-migrate': ['cockroachdb:26257/TCP', ...DNS],
  'todos-migrate': ['cockroachdb:26257/TCP', ...DNS],
  'cockroachdb-bootstrap': ['cockroachdb:26257/TCP', ...DNS],
  cockroachdb: ['cockroachdb:26257/TCP', 'object-storage:443/TCP', ...DNS],
  nats: ['nats:6222/TCP', ...DNS],
};

function outsiders(): Endpoint[] {
  const pod = (namespace: string, labels: Record<string, string>) => ({
    namespace,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
    labels,
  });
  return [
    {
      name: 'ingress-controller',
      pod: pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
      ip: '10.244.9.1',
      ports: [],
    },
    {
      name: 'kube-dns',
      pod: pod('kube-system', { 'k8s-app': 'kube-dns' }),
      ip: '10.244.9.2',
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    },
    // Another team's pod that happens to carry our labels: a policy must not take it for ours.
    {
      name: 'other-namespace-gateway',
      pod: pod('other', { 'app.kubernetes.io/name': 'gateway' }),
      ip: '10.244.9.3',
      ports: [],
    },
    // Prometheus, in the namespace the operations ports admit.
    {
      name: 'prometheus',
      pod: pod('monitoring', { 'app.kubernetes.io/name': 'prometheus' }),
      ip: '10.244.9.4',
      ports: [],
    },
    { name: 'internet', ip: '203.0.113.7', ports: [] },
    { name: 'object-storage', ip: '198.51.100.20', ports: [{ port: 443, protocol: 'TCP' }] },
  ];
}

describe.each(OVERLAYS)('network policies of overlay %s', (overlay) => {
  const { objects } = renderOverlay(overlay);
  const policies = new NetworkPolicies(ofKind(objects, 'NetworkPolicy') as INetworkPolicy[]);
  const pods: Endpoint[] = workloads(objects).map(({ labels, namespace, pod }, index) => ({
    name: labels['app.kubernetes.io/name'] ?? '?',
    pod: { namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels },
    ip: `10.244.1.${index + 1}`,
    ports: pod.containers.flatMap(({ ports = [] }) =>
      ports.map(({ name, containerPort, protocol = 'TCP' }) => ({
        ...(name ? { name } : {}),
        port: containerPort,
        protocol,
      })),
    ),
  }));
  const everyone = [...pods, ...outsiders()];

  it('lets nothing outside the namespace in, except the ingress controller to the gateway and Prometheus to the operations ports', () => {
    const reachable = outsiders().map((source) => [source.name, policies.reachableFrom(source, pods)]);
    expect(Object.fromEntries(reachable)).toEqual({
      'ingress-controller': ['gateway:8080/TCP'],
      'kube-dns': [],
      'other-namespace-gateway': [],
      prometheus: ['auth:9181/TCP', 'gateway:9180/TCP', 'todos:9182/TCP'],
      internet: [],
      'object-storage': [],
    });
  });

  it('lets each part reach only what it needs: auth and todos their database and NATS', () => {
    const reachable = Object.fromEntries(
      pods.map((source) => [source.name, policies.reachableFrom(source, everyone)]),
    );
    const expected = Object.entries(EXPECTED_EGRESS).map(([name, targets]) => [name, [...targets].sort()]);
    expect(reachable).toEqual(Object.fromEntries(expected));
  });

  it("lets an operator's SQL shell (deploy/k8s/tools/sql-client) reach CockroachDB and nothing else", () => {
    const shell: Endpoint = {
      name: 'cockroachdb-sql-client',
      pod: {
        ...pods[0]!.pod!,
        labels: {
          'app.kubernetes.io/name': 'cockroachdb-sql-client',
          'app.kubernetes.io/component': 'database-admin',
        },
      },
      ip: '10.244.1.201',
      ports: [],
    };
    expect(policies.reachableFrom(shell, everyone)).toEqual(['cockroachdb:26257/TCP', ...DNS].sort());
  });

  it('denies everything not allowed, for pods added later too', () => {
    const newcomer: Endpoint = {
      name: 'newcomer',
      pod: { ...pods[0]!.pod!, labels: { 'app.kubernetes.io/name': 'newcomer' } },
      ip: '10.244.1.200',
      ports: [{ port: 9000, protocol: 'TCP' }],
    };
    expect(policies.reachableFrom(newcomer, everyone)).toEqual(DNS);
    expect(everyone.filter((source) => policies.reachableFrom(source, [newcomer]).length > 0)).toEqual([]);
  });
});
