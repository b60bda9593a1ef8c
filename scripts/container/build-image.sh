#!/usr/bin/env bash
# Builds the image as the README's podman commands do, on the local base (base-image.sh) unless BASE_IMAGE is
# given (BASE_IMAGE=node:20-bookworm-slim where a registry is reachable). Layers are cached by podman.
set -euo pipefail
source "$(dirname "$0")/podman.sh"
cd "$CONTAINER_DIR/../.."

IMAGE="${CONTAINER_IMAGE:-localhost/cashflow-orchestrator:smoke}"
BASE_IMAGE="${BASE_IMAGE:-$(bash "$CONTAINER_DIR/base-image.sh")}"

log "building $IMAGE on $BASE_IMAGE"
# --format docker: the OCI format has no HEALTHCHECK. --network=host: npm ci reaches the registry as the host does.
bounded 1200 podman build --format docker --network=host --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$IMAGE" . >&2
log "built $IMAGE: $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
