#!/usr/bin/env bash
# Issue 20's volume figures in one run (org.stowage.bench.VolumeBench): bytes added by 16 scattered 4 KiB writes to a
# 2 GiB image for Stowage volumes (64 KiB and 4 KiB blocks), Stowage file backup, restic and borg; full volume vs
# file backup throughput; the bytes a tracked incremental reads; NBD write throughput vs dd, idle and during a
# backup (copy on write). Needs ~6 GiB free below bench/work and about 3 minutes of two cores.
#
#   bench/volume.sh                # builds with bench/build.sh ($BENCH_M2_REPO, default ~/.m2/bench-repo)
#   bench/volume.sh --skip-build   # reuse bench/target
#   bench/volume.sh --skip-build --nbd-only   # only the export's figures (NBD throughput, tracked reads)
#   bench/volume.sh --skip-build --full-image # the image written end to end (no holes) instead of half sparse
#   bench/volume.sh --skip-build --throughput-only [--full-image]  # only volume vs file full backups, 3 rounds
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
missing=()
command -v restic >/dev/null || missing+=(restic)
command -v borg >/dev/null || missing+=(borgbackup)
command -v qemu-io >/dev/null || missing+=(qemu-utils)
command -v nbdcopy >/dev/null || missing+=(libnbd-bin)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "install ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ "${1:-}" = --skip-build ] && shift || "$bench/build.sh"
work="$bench/work/volume"
mkdir -p "$bench/results"
java -XX:MaxDirectMemorySize=512m -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  org.stowage.bench.VolumeBench "$work" "$@" | tee "$bench/results/volume-$(date -u +%Y%m%dT%H%M%SZ).txt"
