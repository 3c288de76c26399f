#!/usr/bin/env bash
# Builds what every bench needs, into its own local Maven repository (never the shared ~/.m2/repository):
# the engine, every driver family and the staging service the bench module compiles against, then the bench
# module itself.
#
#   bench/build.sh            # local repository: $BENCH_M2_REPO, default ~/.m2/bench-repo
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
mvn -B -q -f "$root/pom.xml" -Dmaven.repo.local="$m2_repo" -DskipTests \
  -pl bundles/api,bundles/engine,bundles/devices/testkit,bundles/devices/disk,bundles/devices/tape,bundles/devices/s3,bundles/selectors,bundles/staging,bundles/mount,bundles/routing -am install
mvn -B -q -f "$bench/pom.xml" -Dmaven.repo.local="$m2_repo" compile
# what the reports name as the build they measured (also after run.sh --skip-build)
git -C "$root" log -1 --format='%h %s' >"$bench/target/engine-version.txt" 2>/dev/null \
  || echo "unknown commit (not a git checkout)" >"$bench/target/engine-version.txt"
