#!/usr/bin/env bash
# Two processes on one repository, long form: two Karaf copies of the assembly (own ports, the same disk device
# folder and password file) run backups, forget --prune and check --read-data in loops at the same time; every check
# must pass, a refusal by the other's lock is counted, and at the end every snapshot must restore identically.
#
#   bench/shared-repo.sh [--seconds N] [--seed S] [--increment-mib M] [--skip-build] [--keep]
#
# Defaults: 600 s, seed 20261207, 24 MiB per source state. It runs the itest SharedRepositoryIT
# (itests/src/test/java/org/stowage/itests/crash) through Maven for that long; CI runs it for 60 s.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
seconds=600
seed=20261207
increment=24
build=1
keep=false

while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --increment-mib) increment=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

cd "$root"
if [[ $build = 1 ]]; then
  echo "== building and installing Stowage into $m2_repo (mvn install -DskipTests)"
  mvn -B -q -Dmaven.repo.local="$m2_repo" install -DskipTests
fi

echo "== two Karaf processes on one repository for $seconds s, seed $seed"
mkdir -p "$root/itests/target"
started=$(date +%s)
status=0
mvn -B -Dmaven.repo.local="$m2_repo" -pl itests verify -Dtest=SharedRepositoryIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dstowage.shared.seconds="$seconds" -Dstowage.shared.seed="$seed" \
  -Dstowage.shared.incrementMiB="$increment" -Dstowage.harness.keep="$keep" \
  > "$root/itests/target/shared-repo-mvn.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))

report=$(ls -t "$root"/itests/target/shared-repo/*-report.txt 2>/dev/null | head -n 1 || true)
if [[ $status = 0 && -n $report ]]; then
  cat "$report"
  echo "maven wall time: $((elapsed / 60)) min $((elapsed % 60)) s (log: itests/target/shared-repo-mvn.log)"
else
  echo "two-process run FAILED (exit $status); the failure names the copy, the operation and the Karaf log:" >&2
  sed -n '/<<< FAIL\|AssertionError/,+12p' "$root/itests/target/shared-repo-mvn.log" | head -n 60 >&2
  echo "full output: itests/target/surefire-reports/org.stowage.itests.crash.SharedRepositoryIT*.txt" >&2
  exit 1
fi
