#!/usr/bin/env bash
# Everything the Docker provider and its tests need on a fresh Debian-like machine, idempotently:
# a running Docker daemon (Debian's docker.io), the base image (pulled, or bootstrapped with
# debootstrap where no registry is reachable), the node image built from docker/node, Kafka's jars for
# docker/services/kafka (the service images themselves are built by the first run that uses them), the Patroni node
# image (docker/node-patroni), and
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
# Patroni's image (apt-get of PostgreSQL and Patroni, minutes on a fresh machine) here rather than on first use, where a
# test's or a run's set-up is timed; SKIP_PATRONI_IMAGE=1 leaves it to first use (e.g. an etcd-only CI job on a fresh runner).
if [ "${SKIP_PATRONI_IMAGE:-0}" != 1 ]; then
  "$here/build-patroni-image.sh"
fi
if command -v mvn >/dev/null 2>&1; then
  "$here/../services/kafka/fetch-jars.sh"
fi
