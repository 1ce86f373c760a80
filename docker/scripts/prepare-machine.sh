#!/usr/bin/env bash
# Everything the Docker provider and its tests need on a fresh Debian-like machine, idempotently:
# a running Docker daemon (Debian's docker.io), the base image (pulled, or bootstrapped with
# debootstrap where no registry is reachable), the node image built from docker/node, Kafka's jars for
# docker/services/kafka (the service images themselves are built by the first run that uses them), and
# Debian's chromium with its driver for the browser test.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/ensure-docker.sh"
"$here/ensure-chromium.sh"
"$here/build-base-image.sh" "${BASE_IMAGE:-debian:bookworm-slim}"
if ! docker image inspect "${NODE_IMAGE:-faultline/node}" >/dev/null 2>&1; then
  printf 'prepare-machine: building %s\n' "${NODE_IMAGE:-faultline/node}" >&2
  docker build -q --build-arg "BASE=${BASE_IMAGE:-debian:bookworm-slim}" -t "${NODE_IMAGE:-faultline/node}" "$here/../node" >/dev/null
fi
if command -v mvn >/dev/null 2>&1; then
  "$here/../services/kafka/fetch-jars.sh"
fi
