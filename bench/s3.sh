#!/usr/bin/env bash
# S3 driver vs plain AWS SDK v2 client against the same in-process S3Proxy, same bytes, same run.
#
#   bench/s3.sh [count=64] [mib=16] [threads=4] [rounds=2]
#
# Builds the bench module (mvn -f bench/pom.xml; set M2_REPO for another local repository; the S3 bundle must be
# installed there: mvn install -pl bundles/devices/s3 -am -DskipTests) and prints MiB/s and the driver/plain ratio
# for writes and reads, per round.
set -euo pipefail
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
m2_repo=${M2_REPO:-$HOME/.m2/bench-repo}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -f "$bench/pom.xml" -Dmaven.repo.local="$m2_repo" compile
fi
exec java -Xmx3g -XX:MaxDirectMemorySize=2g \
  -Daws.requestChecksumCalculation=WHEN_REQUIRED -Daws.responseChecksumValidation=WHEN_REQUIRED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" org.stowage.bench.device.S3Bench "$@"
