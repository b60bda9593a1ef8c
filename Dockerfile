# One image for the three services; the command picks which one runs (the orchestrator by default):
#   docker run ... cashflow-orchestrator                                         # orchestrator on :8000
#   docker run ... -e PORT=8001 cashflow-orchestrator node apps/document-processor/dist/main.js
#   docker run ... -e PORT=8002 cashflow-orchestrator node apps/transaction-analyzer/dist/main.js
# BASE_IMAGE: any Debian bookworm with Node 20 laid out like the official image (scripts/container/base-image.sh
# makes one where no registry is reachable). Nothing below names a dependency: package manifests are found, so
# adding a package or a workspace needs no change here.
ARG BASE_IMAGE=node:20-bookworm-slim

# Every package.json (root and workspaces) and the lock, alone, so the install layers below are reused until
# one of them changes.
FROM ${BASE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print \
    | xargs -r cp --parents -t /manifests

FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund

FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM deps AS build
COPY . .
# Keep what runs: each workspace's package.json and dist/ (and any data files beside them), not sources.
RUN npm run build \
 && find apps libs -mindepth 2 -maxdepth 2 \( -name src -o -name eval -o -name node_modules -o -name 'tsconfig*.json' -o -name '*.md' \) -exec rm -rf {} + \
 && find apps libs -name '*.tsbuildinfo' -delete

FROM ${BASE_IMAGE}
# tini as PID 1 forwards SIGTERM to node and reaps zombies; the services release their leases on SIGTERM.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
ENV NODE_ENV=production DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app/ ./
COPY --from=build /app/apps apps
COPY --from=build /app/libs libs
COPY migrations migrations
# Created here so that a named volume mounted on /data or on /data/documents starts owned by `node`.
RUN mkdir -p /data/documents && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 8000 8001 8002
# Each service serves /health/ready on PORT (the document processor and the analyzer need PORT set to be checked).
# podman keeps HEALTHCHECK only in the docker image format: `podman build --format docker`.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/orchestrator/dist/main.js"]
