# Sourced by the container scripts: podman with this repo's containers.conf, and bounded steps.
# shellcheck shell=bash
CONTAINER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$CONTAINER_DIR/containers.conf}"

# `bounded SECONDS cmd...`: every step has a deadline, so a stuck build or pull cannot hang CI.
bounded() {
  local seconds=$1
  shift
  timeout --kill-after=10 "$seconds" "$@"
}

log() { printf '[container %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
