#!/usr/bin/env bash
# Provides the base image the node Dockerfile expects (default debian:bookworm-slim). Where it can be
# pulled, it is pulled; where no registry is reachable (this workplace), a minimal Debian bookworm is
# bootstrapped with debootstrap from Debian's package mirror and imported under that name.
# Idempotent: an image already present is left alone.
set -euo pipefail

IMAGE="${1:-debian:bookworm-slim}"
SUITE="${SUITE:-bookworm}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

log() { printf 'build-base-image: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  exit 0
fi
if timeout 30 docker pull -q "$IMAGE" >/dev/null 2>&1; then
  log "pulled $IMAGE"
  exit 0
fi

log "cannot pull $IMAGE; bootstrapping Debian $SUITE from $MIRROR"
if ! command -v debootstrap >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq debootstrap >/dev/null
fi
rootfs="$(mktemp -d /tmp/faultline-rootfs.XXXXXX)"
trap 'as_root rm -rf "$rootfs"' EXIT
as_root debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >/tmp/faultline-debootstrap.log 2>&1 || {
  log "debootstrap failed; last lines of /tmp/faultline-debootstrap.log:"
  tail -n 20 /tmp/faultline-debootstrap.log >&2
  exit 1
}
# Keep images small, as the official slim image does.
as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
as_root tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - "$IMAGE" >/dev/null
log "imported $IMAGE ($(docker image inspect "$IMAGE" --format '{{.Size}}') bytes)"
