#!/usr/bin/env bash
# CI's "Build plugins" step (docker/ci/Jenkinsfile, docker/ci/github-actions.yml): builds each client plugin the
# run's config loads, from its Maven project, before the run. From the repository's root:
#   PLUGIN_PROJECTS   Maven project folders, space-separated, e.g. docker/examples/plugins/postgres for
#                     docker/examples/postgres-async.yaml; empty: nothing to build.
#   MAVEN_SETTINGS    a settings file (default ci/settings.xml). When it exists, Maven reads it (-s): a plugin whose
#                     dependencies live in a private repository names it there, with the server's
#                     <username>${env.REPO_USER}</username> and <password>${env.REPO_PASSWORD}</password>, which the
#                     CI fills from its secrets. When it does not, Maven's defaults (Maven Central) are used.
#   PLUGIN_MAVEN_ARGS extra arguments for mvn, e.g. -o or -DskipTests.
set -euo pipefail
settings="${MAVEN_SETTINGS:-ci/settings.xml}"
if [ -z "${PLUGIN_PROJECTS:-}" ]; then
  echo "build-plugins: PLUGIN_PROJECTS is empty; no plugin to build"
  exit 0
fi
args=(-B -q)
if [ -f "$settings" ]; then
  args+=(-s "$settings")
elif [ -n "${REPO_USER:-}${REPO_PASSWORD:-}" ]; then
  # Credentials without a settings file would be silently unused, and the build fail later on a missing dependency.
  echo "build-plugins: REPO_USER/REPO_PASSWORD are set but $settings does not exist; add the settings file that names" \
    "the repository they are for, or set MAVEN_SETTINGS to it" >&2
  exit 1
fi
# shellcheck disable=SC2206 # word splitting is the point: several arguments in one variable
args+=(${PLUGIN_MAVEN_ARGS:-})
for project in $PLUGIN_PROJECTS; do
  if [ ! -f "$project/pom.xml" ]; then
    echo "build-plugins: $project has no pom.xml; PLUGIN_PROJECTS names Maven project folders" >&2
    exit 1
  fi
  echo "build-plugins: mvn ${args[*]} -f $project package"
  mvn "${args[@]}" -f "$project" package
done
