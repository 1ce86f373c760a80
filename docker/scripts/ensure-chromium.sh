#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser test, idempotently: on a machine that
# has both it only checks. Needs root (or sudo) for the install.
set -euo pipefail

log() { printf 'ensure-chromium: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
log "installing Debian's chromium and chromium-driver (for the browser test)"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
log "chromium is ready ($(chromium --version 2>/dev/null))"
