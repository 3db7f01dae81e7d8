// Every kustomize overlay renders with the real kustomize and every object it renders is one the Kubernetes
// API would accept: known kind, valid types and formats, required fields, no unknown fields.
import { describe, expect, it } from 'vitest';
import { OVERLAYS, renderKustomization, renderOverlay, type K8sObject } from './render.ts';
import { schemaErrors, unknownFieldErrors } from './schema.ts';

describe.each(OVERLAYS)('kubectl kustomize deploy/k8s/overlays/%s', (overlay) => {
  const { objects, warnings } = renderOverlay(overlay);

  it('renders without a warning (no deprecated kustomize field)', () => {
    expect(warnings).toBe('');
    expect(objects.length).toBeGreaterThan(30);
  });

  it('renders only objects that validate against the Kubernetes schemas', async () => {
    const errors: string[] = [];
    for (const object of objects) {
      for (const error of await schemaErrors(object)) {
        errors.push(`${object.kind} ${object.metadata.name}: ${error}`);
      }
    }
    expect(errors).toEqual([]);
  });

  it('renders no field that Kubernetes does not know', () => {
    expect(unknownFieldErrors(objects)).toEqual([]);
  });

  it('puts every object in the overlay namespace, which it creates', () => {
    const namespaces = objects.filter((object) => object.kind === 'Namespace');
    expect(namespaces.map((namespace) => namespace.metadata.name)).toEqual([
      overlay === 'prod' ? 'todo-bus' : 'todo-bus-dev',
    ]);
    const [namespace] = namespaces;
    for (const object of objects.filter((candidate) => candidate.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind} ${object.metadata.name}`).toBe(
        namespace?.metadata.name,
      );
    }
  });
});

describe('kubectl kustomize deploy/k8s/tools/sql-client', () => {
  const { objects, warnings } = renderKustomization('tools/sql-client');

  it('renders, without a warning, objects Kubernetes accepts', async () => {
    expect(warnings).toBe('');
    expect((await Promise.all(objects.map(schemaErrors))).flat()).toEqual([]);
    expect(unknownFieldErrors(objects)).toEqual([]);
  });
});

describe('the schema checks themselves', () => {
  const { objects } = renderOverlay('dev');
  const deployment = objects.find((object) => object.kind === 'Deployment')!;

  it('reject a wrong type and an unknown kind', async () => {
    const spec = deployment.spec as Record<string, unknown>;
    expect(await schemaErrors({ ...deployment, spec: { ...spec, revisionHistoryLimit: 'five' } })).toEqual([
      expect.stringContaining('revisionHistoryLimit must be integer'),
    ]);
    expect(await schemaErrors({ ...deployment, kind: 'Deploymint' })).toEqual([
      'no Kubernetes schema for apps/v1 Deploymint',
    ]);
  });

  it('reject a misspelt field, however deep', () => {
    const misspelt = structuredClone(deployment) as K8sObject & {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    const [app] = misspelt.spec.template.spec.containers;
    app!.readinesProbe = { httpGet: { path: '/readyz', port: 'http' } };
    expect(unknownFieldErrors([misspelt])).toEqual([
      expect.stringMatching(/^Deployment \w+: .*'"?readinesProbe"?' does not exist in type/),
    ]);
  });
});
