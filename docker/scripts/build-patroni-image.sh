#!/usr/bin/env bash
# Builds faultline/node-patroni (docker/node-patroni) on top of faultline/node unless it exists; idempotent, so the
# prepare step and CI may call it every time. The Docker provider also builds it on first use of that image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${PATRONI_IMAGE:-faultline/node-patroni}"
if ! docker image inspect "$image" >/dev/null 2>&1; then
  printf 'build-patroni-image: building %s\n' "$image" >&2
  docker build -q --build-arg "BASE=${NODE_IMAGE:-faultline/node}" -t "$image" "$here/../node-patroni" >/dev/null
fi
