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
source "$bench/jdk-bench.sh"
jdk_bench_setup placement 10 "$@"
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
