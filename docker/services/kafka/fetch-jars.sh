#!/usr/bin/env bash
# Fetches Apache Kafka's broker jars and their dependencies (pom.xml beside this script) from Maven Central into
# lib/, which the Dockerfile copies into the image. Idempotent; prepare-machine.sh runs it. The host's Maven is
# used rather than one inside the image build, because a build container may not reach the registry the way the
# host's Maven does (proxies, trusted certificates).
set -euo pipefail
cd "$(dirname "$0")"
if ls lib/kafka_2.13-*.jar >/dev/null 2>&1 && [ lib -nt pom.xml ]; then exit 0; fi
rm -rf lib.tmp && mkdir -p lib.tmp
mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=lib.tmp
rm -rf lib && mv lib.tmp lib
echo "fetch-jars: $(ls lib | wc -l) jars in $(pwd)/lib" >&2
