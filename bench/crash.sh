#!/usr/bin/env bash
# Crash harness, long form: kill -9 the Stowage Karaf (the real assembly, bin/karaf run) at random points inside
# backups, prunes, copies and moves, restart it each time and prove that nothing was lost (check --read-data, every
# complete snapshot restores identically, the next run completes: a backup reuses what the killed one stored, a copy
# or move leaves the snapshot's data all on its target).
#
#   bench/crash.sh [--backup-kills N] [--prune-kills N] [--copy-kills N] [--move-kills N] [--seed S]
#                  [--increment-mib M] [--skip-build] [--keep]
#
# Defaults: 25 kills during backup, 25 during prune, 10 during copy, 10 during move, seed 20261206, 64 MiB per
# source state. It runs the itest CrashIT (itests/src/test/java/org/stowage/itests/crash) through Maven with those
# numbers, so the long and the short (CI) form are the same code. Prints the report: one line per kill and the totals.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
backup_kills=25
prune_kills=25
copy_kills=10
move_kills=10
seed=20261206
increment=64
build=1
keep=false

while [[ $# -gt 0 ]]; do
  case $1 in
    --backup-kills) backup_kills=$2; shift 2 ;;
    --prune-kills) prune_kills=$2; shift 2 ;;
    --copy-kills) copy_kills=$2; shift 2 ;;
    --move-kills) move_kills=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --increment-mib) increment=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

cd "$root"
if [[ $build = 1 ]]; then
  echo "== building and installing Stowage into $m2_repo (mvn install -DskipTests)"
  mvn -B -q -Dmaven.repo.local="$m2_repo" install -DskipTests
fi

echo "== crash run: $backup_kills kills during backup, $prune_kills during prune, $copy_kills during copy," \
  "$move_kills during move, seed $seed"
mkdir -p "$root/itests/target"
started=$(date +%s)
status=0
mvn -B -Dmaven.repo.local="$m2_repo" -pl itests verify -Dtest=CrashIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dstowage.crash.backupKills="$backup_kills" -Dstowage.crash.pruneKills="$prune_kills" \
  -Dstowage.crash.copyKills="$copy_kills" -Dstowage.crash.moveKills="$move_kills" \
  -Dstowage.crash.seed="$seed" -Dstowage.crash.incrementMiB="$increment" -Dstowage.harness.keep="$keep" \
  > "$root/itests/target/crash-mvn.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))

report=$(ls -t "$root"/itests/target/crash/*-report.txt 2>/dev/null | head -n 1 || true)
if [[ $status = 0 && -n $report ]]; then
  cat "$report"
  echo "maven wall time: $((elapsed / 60)) min $((elapsed % 60)) s (log: itests/target/crash-mvn.log)"
else
  echo "crash run FAILED (exit $status); the failure names the kill, the step and the Karaf log to read:" >&2
  sed -n '/<<< FAIL\|AssertionError/,+12p' "$root/itests/target/crash-mvn.log" | head -n 60 >&2
  echo "full output: itests/target/surefire-reports/org.stowage.itests.crash.CrashIT*.txt" >&2
  exit 1
fi
