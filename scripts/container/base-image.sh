#!/usr/bin/env bash
# Builds, once, a local stand-in for node:20-bookworm-slim (no image registry is reachable here): Debian bookworm
# from debootstrap plus this machine's Node 20 (Debian's own nodejs is 18), laid out as the official image lays it
# out (/usr/local/bin/node, npm, user `node` 1000:1000). Prints the image's tag; the tag carries a hash of this
# recipe and of the Node build, so a changed recipe or Node builds a new base and an unchanged one is reused.
set -euo pipefail
source "$(dirname "$0")/podman.sh"

NODE_BIN="$(command -v node)"
NPM_DIR="$(dirname "$(readlink -f "$(command -v npm)")")/.."
NODE_VERSION="$("$NODE_BIN" --version)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The base trusts what this machine trusts: an egress proxy that inspects TLS needs its CA inside the build too.
CA_BUNDLE="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"

recipe_hash="$( { cat "$0"; sha256sum "$NODE_BIN"; cat "$NPM_DIR/package.json"; [ -f "$CA_BUNDLE" ] && sha256sum "$CA_BUNDLE"; echo "$MIRROR"; } | sha256sum | cut -c1-12)"
TAG="localhost/cashflow-node-base:${NODE_VERSION#v}-bookworm-$recipe_hash"

if podman image exists "$TAG"; then
  log "base image $TAG already built"
  echo "$TAG"
  exit 0
fi

case "$NODE_VERSION" in
  v20.*) ;;
  *) log "this machine's node is $NODE_VERSION; the base needs Node 20"; exit 1 ;;
esac

root="$(mktemp -d /tmp/cashflow-base.XXXXXX)"
# debootstrap mounts /proc (and more) inside the target; one stopped half-way leaves them mounted, so unmount first
# and never let rm cross into another filesystem.
cleanup() {
  awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l
  rm -rf --one-file-system "$root" "$root.log"
}
trap cleanup EXIT
log "debootstrap bookworm (minbase) into $root"
bounded 600 debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; exit 1; }

log "adding Node $NODE_VERSION and npm $(node -p "require('$NPM_DIR/package.json').version")"
install -D -m 0755 "$NODE_BIN" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$root/usr/local/lib/node_modules/npm"
# A distribution's npm may ship a builtin npmrc pointing at its own paths (nodedir, cafile): not ours.
rm -f "$root/usr/local/lib/node_modules/npm/npmrc"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
env_change=()
if [ -f "$CA_BUNDLE" ]; then
  install -D -m 0644 "$CA_BUNDLE" "$root/usr/local/share/cashflow-base/ca-bundle.crt"
  env_change=(--change "ENV NODE_EXTRA_CA_CERTS=/usr/local/share/cashflow-base/ca-bundle.crt")
fi
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
chroot "$root" /usr/local/bin/node --version >/dev/null # the binary runs on this userland (glibc, libstdc++)
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/usr/share/doc/* "$root"/usr/share/man/*

log "importing $TAG"
tar -C "$root" -c . | bounded 300 podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
  "${env_change[@]}" \
  --change 'CMD ["node"]' \
  - "$TAG" >/dev/null
echo "$TAG"
