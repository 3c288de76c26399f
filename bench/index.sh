#!/usr/bin/env bash
# Issue 19's index bar (org.stowage.bench.index.IndexFootprintBench): the heap the in-memory index holds per blob,
# for a repository of 1 MiB chunks in 16 MiB packs, from 250,000 blobs up to --millions million (default 10: 10 TiB
# of 1 MiB chunks), with its add and dedup lookup rates at each size. Bar: at most 64 bytes per blob. About a minute.
#
#   bench/index.sh [--millions 10] [--skip-build]
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
millions=10
build=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --millions) millions=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $build == 1 ]] && "$bench/build.sh"
mkdir -p "$bench/results"
result=$bench/results/index-$(date +%Y%m%d-%H%M%S).txt
{
  echo "# bench/index.sh, $(date -Is), build: $(cat "$bench/target/engine-version.txt")"
  java -Xmx3g -XX:+UseG1GC -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
    org.stowage.bench.index.IndexFootprintBench "$millions"
} 2>&1 | tee "$result"
echo "result: $result"
