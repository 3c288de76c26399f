#!/usr/bin/env bash
# S3 driver vs plain AWS SDK v2 client against the same in-process S3Proxy, same bytes, same run.
#
#   bench/s3.sh [count=64] [mib=16] [threads=4] [rounds=2]
#
# Builds the drivers and the bench module with bench/build.sh (BENCH_M2_REPO picks the local repository;
# SKIP_BUILD=1 skips it) and prints MiB/s and the driver/plain ratio for writes and reads, per round.
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  "$bench/build.sh"
fi
exec java -Xmx3g -XX:MaxDirectMemorySize=2g \
  -Daws.requestChecksumCalculation=WHEN_REQUIRED -Daws.responseChecksumValidation=WHEN_REQUIRED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" org.stowage.bench.device.S3Bench "$@"
