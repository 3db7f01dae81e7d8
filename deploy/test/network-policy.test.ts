// The evaluator the network tests rely on follows the NetworkPolicy semantics of the Kubernetes API reference.
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { describe, expect, it } from 'vitest';
import { cidrContains, NetworkPolicies, selectorMatches, type Endpoint } from './network-policy.ts';

const inNamespace = (namespace: string, name: string, ports: Endpoint['ports'] = []): Endpoint => ({
  name,
  pod: { namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels: { app: name } },
  ip: '10.1.0.1',
  ports,
});
const api = inNamespace('shop', 'api', [{ name: 'http', port: 8080, protocol: 'TCP' }]);
const db = inNamespace('shop', 'db', [{ port: 5432, protocol: 'TCP' }]);
const monitoring = inNamespace('monitoring', 'prometheus');
const http = { port: 8080, protocol: 'TCP' };

function policy(spec: INetworkPolicy['spec']): INetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'shop' },
    spec,
  };
}

describe('NetworkPolicies', () => {
  it('allows everything to and from pods no policy selects', () => {
    expect(new NetworkPolicies([]).allows(monitoring, api, http)).toBe(true);
  });

  it('isolates a selected pod: only listed peers get in, on listed ports (named ones too)', () => {
    const policies = new NetworkPolicies([
      policy({
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 'http' }] }],
      }),
    ]);
    expect(policies.allows(db, api, http)).toBe(true);
    expect(policies.allows(db, api, { port: 9090, protocol: 'TCP' })).toBe(false);
    expect(policies.allows(db, api, { port: 8080, protocol: 'UDP' })).toBe(false);
    // A bare podSelector means pods of the policy's own namespace.
    const lookalike = { ...db, pod: { ...db.pod!, namespace: 'other', namespaceLabels: {} } };
    expect(policies.allows(lookalike, api, http)).toBe(false);
  });

  it('ANDs a namespaceSelector with the podSelector of the same peer, and ORs separate peers', () => {
    const peerSpec = (from: NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>[number]['from']) =>
      new NetworkPolicies([policy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from }] })]);
    const sameEntry = peerSpec([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
        podSelector: { matchLabels: { app: 'grafana' } },
      },
    ]);
    expect(sameEntry.allows(monitoring, api, http)).toBe(false);
    const separate = peerSpec([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      { podSelector: { matchLabels: { app: 'grafana' } } },
    ]);
    expect(separate.allows(monitoring, api, http)).toBe(true);
  });

  it('isolates egress only for policies of type Egress, and honours ipBlock exceptions', () => {
    const policies = new NetworkPolicies([
      policy({
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
      }),
    ]);
    const internet: Endpoint = {
      name: 'internet',
      ip: '203.0.113.9',
      ports: [{ port: 443, protocol: 'TCP' }],
    };
    expect(policies.allows(api, internet, { port: 443, protocol: 'TCP' })).toBe(true);
    expect(policies.allows(api, db, { port: 5432, protocol: 'TCP' })).toBe(false);
    expect(policies.allows(db, api, http)).toBe(true);
  });

  it('matches label selector expressions and CIDRs', () => {
    expect(
      selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, { tier: 'a' }),
    ).toBe(true);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { tier: 'a' }),
    ).toBe(false);
    expect(cidrContains('10.0.0.0/8', '10.200.3.4')).toBe(true);
    expect(cidrContains('172.16.0.0/12', '172.32.0.1')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '8.8.8.8')).toBe(true);
  });
});
