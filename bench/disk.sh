#!/usr/bin/env bash
# Disk/flash driver throughput vs dd (durable writes, conv=fsync) and cp (reads) on the same files, same run.
#
#   bench/disk.sh [--work DIR] [--count N] [--size MIB] [--kinds DISK,FLASH] [--skip-build]
#
# Writes N blobs of MIB MiB (default 64 x 16 MiB, the pack size) through DiskDevice and with dd, then reads them
# back through DiskDevice and with cp, with the kind's in-flight default (DISK 2, FLASH 8) as concurrent streams
# for both. Drops the page cache before reads when run as root. Prints MiB/s and driver/tool ratio (goal >= 90 %).
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
work=$bench/work/disk
count=64
size=16
kinds=DISK,FLASH
build=1
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}

while [[ $# -gt 0 ]]; do
  case $1 in
    --work) work=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --kinds) kinds=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
java -Xmx1g -XX:MaxDirectMemorySize=512m \
  -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  org.stowage.bench.device.DiskBench "$work" "$count" "$size" "$kinds"
