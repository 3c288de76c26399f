#!/usr/bin/env bash
# The mount bench of issue 18: reading a 1 GiB file through `stowage:mount` (cat through FUSE) against
# `stowage:dump` of the same file, in one JVM (org.stowage.bench.mount.MountBench), on a repository on a disk device
# in the work directory. Bar: the mount reads at >= 50 % of dump's rate. Needs root (or fusermount), /dev/fuse and
# libfuse 2. Output: bench/results/mount-<timestamp>.txt.
#
#   bench/mount.sh [--size-mib 1024] [--reps 3] [--skip-build]
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
size_mib=1024
reps=3
build=1
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
while [[ $# -gt 0 ]]; do
  case $1 in
    --size-mib) size_mib=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
work=$bench/work/mount
rm -rf "$work"
mkdir -p "$work" "$bench/results"
result=$bench/results/mount-$(date +%Y%m%d-%H%M%S).txt
{
  echo "# bench/mount.sh --size-mib $size_mib --reps $reps, $(date -Is), $(nproc) cores, build: $(cat "$bench/target/engine-version.txt")"
  java -Xmx2g -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" org.stowage.bench.mount.MountBench \
    "$work" "$size_mib" "$reps"
} 2>&1 | tee "$result"
rm -rf "$work"
echo "result: $result"
