#!/usr/bin/env bash
# The capture bench of issue 18: a backup of 50,000 small files (one in 20 with a user.* attribute) with extended
# attribute and ACL capture, against the same backup with capture off, alternating, in one JVM
# (org.stowage.bench.fidelity.XattrCaptureBench) on a memory device. Bar: with capture <= 1.15x the time without.
# Output: bench/results/fidelity-<timestamp>.txt.
#
#   bench/fidelity.sh [--files 50000] [--rounds 3] [--skip-build]
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
files=50000
rounds=3
build=1
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
while [[ $# -gt 0 ]]; do
  case $1 in
    --files) files=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
work=$bench/work/fidelity
rm -rf "$work"
mkdir -p "$work" "$bench/results"
result=$bench/results/fidelity-$(date +%Y%m%d-%H%M%S).txt
{
  echo "# bench/fidelity.sh --files $files --rounds $rounds, $(date -Is), $(nproc) cores, build: $(cat "$bench/target/engine-version.txt")"
  java -Xmx2g -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
    org.stowage.bench.fidelity.XattrCaptureBench "$work" "$files" "$rounds"
} 2>&1 | tee "$result"
rm -rf "$work"
echo "result: $result"
