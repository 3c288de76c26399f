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
source "$bench/jdk-bench.sh"
jdk_bench_setup component 10 "$@"
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
