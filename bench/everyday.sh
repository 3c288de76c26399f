#!/usr/bin/env bash
# The benches of issue 18 (everyday completeness), each in one JVM against the real engine:
#   capture  backup of 50,000 small files (one in 20 with a user.* attribute) with extended attribute and ACL
#            capture against the same backup with capture off, alternating, on a memory device
#            (org.stowage.bench.fidelity.XattrCaptureBench). Bar: with capture <= 1.15x the time without.
#   mount    a 1 GiB file read whole through `stowage:mount` (cat through FUSE) against `stowage:dump` of it,
#            alternating, on a repository on a disk device (org.stowage.bench.mount.MountBench). Bar: mount >= 50 %
#            of dump. Needs root (or fusermount), /dev/fuse and libfuse 2.
# The 20-exclude bar is bench/run.sh --excludes20. Output: bench/results/everyday-<timestamp>.txt.
#
#   bench/everyday.sh [--only capture|mount] [--files 50000] [--size-mib 1024] [--reps 3] [--skip-build]
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
only=
files=50000
size_mib=1024
reps=3
build=1
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
while [[ $# -gt 0 ]]; do
  case $1 in
    --only) only=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
mkdir -p "$bench/results"
result=$bench/results/everyday-$(date +%Y%m%d-%H%M%S).txt
run() { # name main-class args...
  local work=$bench/work/$1
  rm -rf "$work" && mkdir -p "$work"
  echo "## $1"
  java -Xmx2g -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" "$2" "$work" "${@:3}"
  rm -rf "$work"
}
{
  echo "# bench/everyday.sh, $(date -Is), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), build: $(cat "$bench/target/engine-version.txt")"
  [[ -z $only || $only == capture ]] && run capture org.stowage.bench.fidelity.XattrCaptureBench "$files" "$reps"
  [[ -z $only || $only == mount ]] && run mount org.stowage.bench.mount.MountBench "$size_mib" "$reps"
} 2>&1 | tee "$result"
echo "result: $result"
