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
work=$bench/work/replicas
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
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
for r in a b c; do
  rm -rf "$work/replica-$r"
  cp -al "$data" "$work/replica-$r"
done
result=$bench/results/replicas-$(date -u +%Y%m%d-%H%M%S).txt
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
