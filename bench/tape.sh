#!/usr/bin/env bash
# The virtual tape library against its configuration: streaming rate while writing, and locates for a restore of
# scattered packs in id order vs medium position order. See TapeBench's Javadoc for the options.
#
#   bench/tape.sh [--skip-build] [--work DIR] [--size MIB] [--blob MIB] [--rate MIBS] [--packs N] [--pack KIB]
#                 [--restore N] [--seed N]
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
if [ "${1:-}" = "--skip-build" ]; then
  shift
else
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
cd "$root"
exec "${STOWAGE_JAVA:-java}" -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  org.stowage.bench.device.TapeBench --work "$bench/work/tape" "$@"
