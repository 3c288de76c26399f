#!/usr/bin/env bash
# A full backup started through the stowage: Camel component (stowage:backup?paths=) against the same backup
# started by calling BackupService directly, in one JVM, on a real disk device (O_DIRECT packs, fsync).
#
#   bench/component.sh [--data DIR] [--reps N] [--work DIR] [--skip-build]
#
# Data: DIR, or by default bench/work/component/data, made once from the real files of the JDKs in /usr/lib/jvm
# (symbolic links followed). Each repetition backs the data up into a fresh repository once per mode, the order
# alternating, after one untimed warm-up backup per mode. Prints MiB/s per backup, medians, spread and the ratio
# component/service (goal >= 97 %); the output is also kept in bench/results/component-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
work=$bench/work/component
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
result=$bench/results/component-$(date -u +%Y%m%d-%H%M%S).txt
{
  echo "data: $(du -sb "$data" | cut -f1) bytes in $(find "$data" -type f | wc -l) files ($data)"
  echo "build: $(cat "$bench/target/engine-version.txt" 2>/dev/null || echo '?'); CPUs: $(nproc)"
  echo "before: $(uptime)"   # other processes' load: a busy machine makes the wall figures swing
  java -XX:MaxDirectMemorySize=512m -Dorg.slf4j.simpleLogger.log.org.apache.camel=warn \
    -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
    org.stowage.bench.ComponentBench "$data" "$work/repos" "$reps"
  echo "after: $(uptime)"
} | tee "$result"
echo "kept in $result"
