// Offline validation against the Kubernetes API schemas, as packaged by kubernetes-models (generated from
// the Kubernetes OpenAPI spec): types, required fields and formats through its JSON-schema validators, and
// unknown fields (which those validators allow, but `kubectl apply` rejects) through its TypeScript types.
import ts from 'typescript';
import { join } from 'node:path';
import { DEPLOY_DIR, type K8sObject } from './render.ts';

/** `kubernetes-models/<apiVersion>/<Kind>`: core objects (apiVersion `v1`) live under `v1/`. */
function modelModule(object: K8sObject): string {
  return `kubernetes-models/${object.apiVersion}/${object.kind}`;
}

type ModelClass = new (data: unknown) => { validate(): void };

/**
 * kustomize folds long base64 values over several lines; the API server's decoder (Go's encoding/base64)
 * skips line breaks, the schema's `byte` format does not: compare what the API server would decode.
 */
function asDecoded(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = Object.entries(object.data as Record<string, string>).map(([key, value]) => [
    key,
    value.replace(/[\r\n]/g, ''),
  ]);
  return { ...object, data: Object.fromEntries(data) };
}

/** Schema violations of one object (empty when it is valid); an unknown apiVersion/kind is one too. */
export async function schemaErrors(object: K8sObject): Promise<string[]> {
  let Model: ModelClass | undefined;
  try {
    const module = (await import(modelModule(object))) as Record<string, ModelClass | undefined>;
    Model = module[object.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`no Kubernetes schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(asDecoded(object)).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/**
 * Fields no Kubernetes type has (a misspelt `readinesProbe` would otherwise be dropped silently by an
 * older API server, or refused at deploy time by a newer one). Each object becomes a typed constant in a
 * virtual TypeScript module; the compiler's excess-property check names every unknown field.
 */
export function unknownFieldErrors(objects: K8sObject[]): string[] {
  const fileName = join(DEPLOY_DIR, 'test', '__rendered_manifests__.ts');
  const source = objects
    .map((object, index) =>
      [
        `import type { I${object.kind} as T${index} } from '${modelModule(object)}';`,
        `export const object${index}: T${index} = ${JSON.stringify(object)};`,
      ].join('\n'),
    )
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const disk = ts.createCompilerHost(options);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, source, languageVersion)
      : disk.getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === fileName || disk.fileExists(name);
  host.readFile = (name) => (name === fileName ? source : disk.readFile(name));
  const program = ts.createProgram([fileName], options, host);
  const sourceFile = program.getSourceFile(fileName);
  return ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => {
    const line =
      diagnostic.start === undefined ? 0 : source.slice(0, diagnostic.start).split('\n').length - 1;
    const object = objects[Math.floor(line / 2)];
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    return `${object?.kind ?? '?'} ${object?.metadata.name ?? '?'}: ${message}`;
  });
}
