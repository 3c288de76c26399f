#!/usr/bin/env bash
# One-device full backup with packs placed through the Camel placement routes against the same backup written
# directly by the engine (no PackPlacement service), in one JVM, on a real disk device (O_DIRECT packs, fsync).
#
#   bench/placement.sh [--data DIR] [--reps N] [--work DIR] [--skip-build]
#
# Data: DIR, or by default bench/work/placement/data, made once from the real files of the JDKs in /usr/lib/jvm
# (symbolic links followed). Each repetition backs the data up into a fresh repository once per mode, the order
# alternating, after one untimed warm-up backup per mode. Prints MiB/s per backup, medians, spread and the ratio
# routes/direct (goal >= 95 %); the output is also kept in bench/results/placement-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
work=$bench/work/placement
data=
reps=3
build=1
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
mkdir -p "$work" "$bench/results"
if [[ -z $data ]]; then
  source "$bench/dataset.sh"
  data=$work/data
  jdk_data_set "$data"
fi
result=$bench/results/placement-$(date -u +%Y%m%d-%H%M%S).txt
{
  echo "data: $(du -sb "$data" | cut -f1) bytes in $(find "$data" -type f | wc -l) files ($data)"
  echo "build: $(cat "$bench/target/engine-version.txt" 2>/dev/null || echo '?'); CPUs: $(nproc)"
  echo "before: $(uptime)"   # other processes' load: a busy machine makes the wall figures swing
  java -XX:MaxDirectMemorySize=512m -Dorg.slf4j.simpleLogger.log.org.apache.camel=warn \
    -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
    org.stowage.bench.PlacementBench "$data" "$work/repos" "$reps"
  echo "after: $(uptime)"
} | tee "$result"
echo "kept in $result"
