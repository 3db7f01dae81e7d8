// A small evaluator of NetworkPolicy semantics (networking.k8s.io/v1, as the API reference defines them), to
// ask of the rendered policies the questions that matter: who can reach whom, on which port.
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';

type LabelSelector = INetworkPolicySpec['podSelector'];

export interface Port {
  name?: string;
  port: number;
  protocol: string;
}

/** A pod (in some namespace) or a host outside the cluster. */
export interface Endpoint {
  /** What the tests call it: the pod's `app.kubernetes.io/name`, or a description. */
  name: string;
  /** Absent for hosts outside the cluster. */
  pod?: { namespace: string; namespaceLabels: Record<string, string>; labels: Record<string, string> };
  ip: string;
  ports: Port[];
}

export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels[key];
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new Error(`unknown selector operator ${operator}`);
    }
  });
}

function ipv4(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

export function cidrContains(cidr: string, address: string): boolean {
  const [network = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(address) / size) === Math.floor(ipv4(network) / size);
}

function peerMatches(peer: INetworkPolicyPeer, endpoint: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    const { cidr, except = [] } = peer.ipBlock;
    return cidrContains(cidr, endpoint.ip) && !except.some((excluded) => cidrContains(excluded, endpoint.ip));
  }
  if (!endpoint.pod) return false;
  if (peer.namespaceSelector) {
    return (
      selectorMatches(peer.namespaceSelector, endpoint.pod.namespaceLabels) &&
      selectorMatches(peer.podSelector, endpoint.pod.labels)
    );
  }
  return endpoint.pod.namespace === policyNamespace && selectorMatches(peer.podSelector, endpoint.pod.labels);
}

/** A rule's port entry against a destination port; named ports are looked up on the destination pod. */
function portMatches(rulePort: INetworkPolicyPort, destination: Endpoint, port: Port): boolean {
  if ((rulePort.protocol ?? 'TCP') !== port.protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'string') {
    return destination.ports.some((named) => named.name === rulePort.port && named.port === port.port);
  }
  return rulePort.endPort === undefined
    ? rulePort.port === port.port
    : rulePort.port <= port.port && port.port <= rulePort.endPort;
}

export class NetworkPolicies {
  readonly #policies: INetworkPolicy[];

  constructor(policies: INetworkPolicy[]) {
    this.#policies = policies;
  }

  #selecting(endpoint: Endpoint, type: 'Ingress' | 'Egress'): INetworkPolicy[] {
    const { pod } = endpoint;
    if (!pod) return [];
    return this.#policies.filter((policy) => {
      const types = policy.spec?.policyTypes ?? (policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
      return (
        (policy.metadata?.namespace ?? 'default') === pod.namespace &&
        types.includes(type) &&
        selectorMatches(policy.spec?.podSelector, pod.labels)
      );
    });
  }

  /** Traffic flows when the source's egress policies and the destination's ingress policies both allow it. */
  allows(source: Endpoint, destination: Endpoint, port: Port): boolean {
    const egress = this.#selecting(source, 'Egress');
    const egressAllowed =
      egress.length === 0 ||
      egress.some((policy) =>
        (policy.spec?.egress ?? []).some(
          (rule) =>
            (rule.to === undefined ||
              rule.to.length === 0 ||
              rule.to.some((peer) =>
                peerMatches(peer, destination, policy.metadata?.namespace ?? 'default'),
              )) &&
            (rule.ports === undefined ||
              rule.ports.length === 0 ||
              rule.ports.some((rulePort) => portMatches(rulePort, destination, port))),
        ),
      );
    const ingress = this.#selecting(destination, 'Ingress');
    const ingressAllowed =
      ingress.length === 0 ||
      ingress.some((policy) =>
        (policy.spec?.ingress ?? []).some(
          (rule) =>
            (rule.from === undefined ||
              rule.from.length === 0 ||
              rule.from.some((peer) => peerMatches(peer, source, policy.metadata?.namespace ?? 'default'))) &&
            (rule.ports === undefined ||
              rule.ports.length === 0 ||
              rule.ports.some((rulePort) => portMatches(rulePort, destination, port))),
        ),
      );
    return egressAllowed && ingressAllowed;
  }

  /** Every `name:port/protocol` of `destinations` that `source` can open a connection to. */
  reachableFrom(source: Endpoint, destinations: Endpoint[]): string[] {
    return destinations
      .flatMap((destination) =>
        destination.ports
          .filter((port) => this.allows(source, destination, port))
          .map((port) => `${destination.name}:${port.port}/${port.protocol}`),
      )
      .filter((target, index, all) => all.indexOf(target) === index)
      .sort();
  }
}
