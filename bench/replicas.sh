#!/usr/bin/env bash
# Replica failover (issue 15, S3): a backup from three replicas whose first replica fails (every read and open) once
# half of the data was read from it, against the same backup without a fault; goal: at most 1.1 x the time of the
# uninterrupted run. Reports the bytes read again after the switch.
#
#   bench/replicas.sh [--data DIR] [--reps N] [--work DIR] [--skip-build]
#
# Data: DIR, or by default bench/work/replicas/data, made once from the real files of the JDKs in /usr/lib/jvm
# (symbolic links followed). The three replicas are hard-linked copies of it (cp -al): the same inodes, so both modes
# read from the same page cache and the figures measure Stowage's failover (switch, re-read, checkpoints), not the
# speed of a second disk. Output also kept in bench/results/replicas-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench/jdk-bench.sh"
jdk_bench_setup replicas 11 "$@"
for r in a b c; do
  rm -rf "$work/replica-$r"
  cp -al "$data" "$work/replica-$r"
done
{
  echo "data: $(du -sb "$data" | cut -f1) bytes in $(find "$data" -type f | wc -l) files ($data)"
  echo "build: $(cat "$bench/target/engine-version.txt" 2>/dev/null || echo '?'); CPUs: $(nproc)"
  echo "before: $(uptime)"
  java -XX:MaxDirectMemorySize=512m \
    -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
    org.stowage.bench.ReplicaBench "$work/replica-a" "$work/replica-b" "$work/replica-c" "$work/repos" "$reps"
  echo "after: $(uptime)"
} | tee "$result"
rm -rf "$work/replica-a" "$work/replica-b" "$work/replica-c"
echo "kept in $result"
