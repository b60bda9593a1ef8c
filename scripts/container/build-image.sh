#!/usr/bin/env bash
# Builds the images the container smoke test runs, as the README's podman commands do: the app image on the local
# base (base-image.sh) unless BASE_IMAGE is given (BASE_IMAGE=node:20-bookworm-slim where a registry is reachable),
# and, unless POSTGRES_IMAGE is given, a PostgreSQL stand-in for docker-compose.yml. Layers are cached by podman.
set -euo pipefail
source "$(dirname "$0")/podman.sh"
cd "$CONTAINER_DIR/../.."

IMAGE="${CONTAINER_IMAGE:-localhost/cashflow-orchestrator:smoke}"
BASE_IMAGE="${BASE_IMAGE:-$(bash "$CONTAINER_DIR/base-image.sh")}"

size() { podman image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }

log "building $IMAGE on $BASE_IMAGE"
# --format docker: the OCI format has no HEALTHCHECK. --network=host: npm ci reaches the registry as the host does.
bounded 1200 podman build --format docker --network=host --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$IMAGE" . >&2
log "built $IMAGE: $(size "$IMAGE") (base $(size "$BASE_IMAGE"))"

if [ -z "${POSTGRES_IMAGE:-}" ]; then
  log "building localhost/cashflow-postgres:smoke (Debian's PostgreSQL) on $BASE_IMAGE"
  bounded 600 podman build --format docker --network=host --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    -t localhost/cashflow-postgres:smoke "$CONTAINER_DIR/postgres" >&2
fi
