#!/usr/bin/env bash
# Makes a Debian-like machine ready for Faultline's Docker provider: installs Debian's docker.io when no
# Docker daemon binary is present, starts dockerd when no daemon answers, and waits until it does.
# Idempotent: on a ready machine it only checks. Needs root (or sudo) for the install and the start.
set -euo pipefail

log() { printf 'ensure-docker: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if docker info >/dev/null 2>&1; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "no Docker daemon installed; installing Debian's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq docker.io >/dev/null
fi

# The Debian package's client may sit behind another docker binary earlier on PATH; both speak to the socket.
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/faultline-dockerd.log)"
  as_root sh -c 'nohup dockerd >/var/log/faultline-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then break; fi
    sleep 1
  done
fi

if ! docker info >/dev/null 2>&1; then
  log "dockerd did not come up within 60 s; last lines of its log:"
  tail -n 20 /var/log/faultline-dockerd.log >&2 || true
  exit 1
fi
log "docker is ready ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
