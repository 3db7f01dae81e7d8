import type { FastifyBaseLogger } from 'fastify';

type OpenApiDocument = {
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  tags?: { name: string }[];
};

/**
 * The public API as one document: the gateway's own routes plus each service's `/openapi.json`
 * (services already use the public paths). Fetched in the background and kept; a service that is down
 * leaves its last known part in place.
 */
export class MergedOpenApi {
  readonly #sources: Record<string, string>;
  readonly #log: FastifyBaseLogger;
  readonly #documents = new Map<string, OpenApiDocument>();
  #timer: NodeJS.Timeout | undefined;

  constructor(sources: Record<string, string>, log: FastifyBaseLogger) {
    this.#sources = sources;
    this.#log = log;
  }

  async refresh(): Promise<void> {
    await Promise.all(
      Object.entries(this.#sources).map(async ([name, url]) => {
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
          if (response.ok) this.#documents.set(name, (await response.json()) as OpenApiDocument);
        } catch (error) {
          this.#log.debug({ err: error, name }, 'OpenAPI document not available yet');
        }
      }),
    );
  }

  /** Refreshes now, then every `everyMs` (services deploy independently of the gateway). */
  start(everyMs = 30_000): void {
    const tick = () => {
      void this.refresh().finally(() => {
        this.#timer = setTimeout(
          tick,
          this.#documents.size === Object.keys(this.#sources).length ? everyMs : 2_000,
        );
        this.#timer.unref();
      });
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  merge(own: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const base = own as OpenApiDocument;
    const paths = { ...base.paths };
    const schemas = { ...base.components?.schemas };
    const tags = [...(base.tags ?? [])];
    for (const document of this.#documents.values()) {
      Object.assign(paths, document.paths);
      Object.assign(schemas, document.components?.schemas);
      for (const tag of document.tags ?? [])
        if (!tags.some((known) => known.name === tag.name)) tags.push(tag);
    }
    return { ...own, paths, tags, components: { ...base.components, schemas } };
  }
}
