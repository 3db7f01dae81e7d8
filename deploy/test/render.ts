// Renders a kustomize overlay with the real kustomize built into kubectl, offline, and parses the objects.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const DEPLOY_DIR = resolve(import.meta.dirname, '..');
export const REPO_ROOT = resolve(DEPLOY_DIR, '..');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

const KUBECTL_HINT =
  'kubectl (with its built-in kustomize v5) is part of this machine image; elsewhere install kubectl >= 1.27';

/** `kubectl kustomize deploy/k8s/overlays/<overlay>`: what `kubectl apply -k` would send. */
export function renderOverlay(overlay: Overlay): { objects: K8sObject[]; warnings: string } {
  return renderKustomization(`overlays/${overlay}`);
}

/** `kubectl kustomize deploy/k8s/<path>`. */
export function renderKustomization(path: string): { objects: K8sObject[]; warnings: string } {
  const result = spawnSync('kubectl', ['kustomize', join(DEPLOY_DIR, 'k8s', path)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`kubectl is not available (${result.error.message}): ${KUBECTL_HINT}`);
  if (result.status !== 0) throw new Error(`kubectl kustomize ${path} failed:\n${result.stderr}`);
  const objects = parseAllDocuments(result.stdout).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map(String).join('\n'));
    return document.toJS() as K8sObject;
  });
  return { objects, warnings: result.stderr };
}

/** The one object of that kind and name, or a failure that names what is missing. */
export function find<T extends K8sObject = K8sObject>(objects: K8sObject[], kind: string, name: string): T {
  const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) throw new Error(`no ${kind} named ${name}`);
  return object as T;
}

export function ofKind<T extends K8sObject = K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}
