// Reading rendered workloads the way the kubelet would: their pod templates, containers and resolved env.
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { K8sObject } from './render.ts';

export type Container = IContainer;
export type PodSpec = IPodSpec;

export interface Workload {
  kind: string;
  name: string;
  namespace: string;
  /** The pod template's labels. */
  labels: Record<string, string>;
  pod: PodSpec;
  object: K8sObject;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

export function workloads(objects: K8sObject[]): Workload[] {
  return objects
    .filter((object) => WORKLOAD_KINDS.has(object.kind) || object.kind === 'CronJob' || object.kind === 'Pod')
    .map((object) => {
      const spec = object.spec as Record<string, unknown>;
      const template = (
        object.kind === 'Pod'
          ? { metadata: object.metadata, spec }
          : object.kind === 'CronJob'
            ? ((spec.jobTemplate as { spec: { template: unknown } }).spec.template as object)
            : spec.template
      ) as { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
      return {
        kind: object.kind,
        name: object.metadata.name,
        namespace: object.metadata.namespace ?? 'default',
        labels: template.metadata?.labels ?? {},
        pod: template.spec,
        object,
      };
    });
}

export function workload(objects: K8sObject[], kind: string, name: string): Workload {
  const found = workloads(objects).find((candidate) => candidate.kind === kind && candidate.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}`);
  return found;
}

/** Init containers first, as they run. */
export function allContainers(pod: PodSpec): Container[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

export function container(pod: PodSpec, name: string): Container {
  const found = allContainers(pod).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no container named ${name}`);
  return found;
}

/** How a value reached the environment: literal (from the manifest or a rendered object) or not in the render. */
export interface EnvValue {
  value: string;
  /** A Secret or ConfigMap the render does not contain (created by the operator), e.g. `secret auth-secrets`. */
  external?: string;
  fromSecret: boolean;
}

function dataOf(
  objects: K8sObject[],
  kind: 'ConfigMap' | 'Secret',
  name: string,
): Record<string, string> | undefined {
  const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) return undefined;
  const data = (object.data ?? {}) as Record<string, string>;
  if (kind === 'ConfigMap') return data;
  const decoded = Object.entries(data).map(([key, value]): [string, string] => [
    key,
    Buffer.from(value, 'base64').toString(),
  ]);
  return { ...Object.fromEntries(decoded), ...((object.stringData ?? {}) as Record<string, string>) };
}

/**
 * The container's environment as the kubelet builds it: envFrom first, then env in order, with $(VAR)
 * references expanded from what is already defined. Keys of Secrets the render does not contain (the operator
 * creates them) come back as the stand-in `operator.provided.NAME.KEY`, with `external` set.
 */
export function resolveEnv(container: Container, objects: K8sObject[]): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const source of container.envFrom ?? []) {
    const [kind, name] = source.configMapRef
      ? (['ConfigMap', source.configMapRef.name] as const)
      : (['Secret', source.secretRef?.name ?? ''] as const);
    const data = dataOf(objects, kind, name ?? '');
    if (!data) throw new Error(`${container.name}: envFrom ${kind} ${name} is not in the render`);
    for (const [key, value] of Object.entries(data)) {
      env.set(`${source.prefix ?? ''}${key}`, { value, fromSecret: kind === 'Secret' });
    }
  }
  for (const variable of container.env ?? []) {
    const { valueFrom } = variable;
    if (variable.value !== undefined || !valueFrom) {
      const value = (variable.value ?? '').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (reference, name) => {
        return env.get(name as string)?.value ?? reference;
      });
      const fromSecret = [...(variable.value ?? '').matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].some(
        ([, name]) => env.get(name as string)?.fromSecret,
      );
      env.set(variable.name, { value, fromSecret });
    } else if (valueFrom.secretKeyRef || valueFrom.configMapKeyRef) {
      const kind = valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
      const ref = (valueFrom.secretKeyRef ?? valueFrom.configMapKeyRef)!;
      const data = dataOf(objects, kind, ref.name ?? '');
      const value = data?.[ref.key];
      env.set(variable.name, {
        value: value ?? `operator.provided.${ref.name}.${ref.key}`,
        fromSecret: kind === 'Secret',
        ...(data ? {} : { external: `${kind.toLowerCase()} ${ref.name}` }),
      });
    } else if (valueFrom.fieldRef) {
      env.set(variable.name, { value: `«field ${valueFrom.fieldRef.fieldPath}»`, fromSecret: false });
    } else if (valueFrom.resourceFieldRef) {
      env.set(variable.name, {
        value: `«resource ${valueFrom.resourceFieldRef.resource}»`,
        fromSecret: false,
      });
    }
  }
  return env;
}

export function envValues(env: Map<string, EnvValue>): Record<string, string> {
  return Object.fromEntries([...env].map(([name, { value }]) => [name, value]));
}

/** Kubernetes quantities in base units (cores, bytes), enough for requests and limits. */
export function quantity(value: string | number): number {
  const text = String(value);
  const match = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (!match) throw new Error(`not a quantity: ${text}`);
  const factors: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] ? (factors[match[2]] ?? 1) : 1);
}
