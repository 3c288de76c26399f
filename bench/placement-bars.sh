#!/usr/bin/env bash
# The placement bars: striping over devices paced at 400, 200 and 50 MiB/s; `fastest` over three S3 endpoints
# whose speeds turn round half-way, against an oracle; `copies` = 2 on two devices against one copy. Each bar runs in
# its own JVM (org.stowage.bench.placement.PlacementBars), direct placement and Camel routes.
#
#   bench/placement-bars.sh [--bars striped,fastest,copies] [--reps 3] [--placement direct,routes]
#                           [--data DIR] [--quiet-wait SECONDS] [--skip-build] [-- extra PlacementBars options]
#
# Before each bar it waits until the 1-minute load average is below 1.0 (polling every 30 s, at most --quiet-wait
# seconds, default 1800), and inside it before each timed run again (at most 300 s; -- --run-wait S); if the machine
# never gets quiet it measures anyway, and every run line shows the load and the CPU other processes used meanwhile. Whole backups (bars 1 and
# 3) back up DIR, by default bench/work/placement/data (made from the JDKs in /usr/lib/jvm, as bench/placement.sh
# makes it). Output: bench/results/placement-bars-<bar>-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
bars=striped,fastest,copies
reps=3
placement=direct,routes
data=
quiet_wait=1800
build=1
extra=()
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}

while [[ $# -gt 0 ]]; do
  case $1 in
    --bars) bars=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --placement) placement=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
work=$bench/work/placement
mkdir -p "$work" "$bench/results"
if [[ -z $data ]]; then
  data=$work/data
  if [[ ! -d $data ]]; then
    mkdir -p "$data.tmp"
    for jdk in /usr/lib/jvm/*/; do
      [[ -L ${jdk%/} ]] && continue   # aliases of another JDK folder
      cp -rL "$jdk" "$data.tmp/" 2>/dev/null || true   # -L follows links; dangling ones are skipped
    done
    mv "$data.tmp" "$data"
  fi
fi

load1() { cut -d' ' -f1 /proc/loadavg; }
wait_quiet() {
  local waited=0
  while awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.0) }' && (( waited < quiet_wait )); do
    echo "waiting for a quiet machine: $(uptime)"
    sleep 30
    waited=$((waited + 30))
  done
}

IFS=, read -r -a bar_list <<<"$bars"
for bar in "${bar_list[@]}"; do
  case $bar in
    striped|copies) workloads=packs,backup ;;
    *) workloads=packs ;;
  esac
  wait_quiet
  result=$bench/results/placement-bars-$bar-$(date -u +%Y%m%d-%H%M%S).txt
  {
    echo "build: $(cat "$bench/target/engine-version.txt" 2>/dev/null || echo '?'); CPUs: $(nproc)"
    echo "command: bench/placement-bars.sh --bars $bar --reps $reps --placement $placement ${extra[*]}"
    echo "data for whole backups: $(du -sb "$data" | cut -f1) bytes in $(find "$data" -type f | wc -l) files"
    echo "before: $(uptime)"
    java -XX:MaxDirectMemorySize=2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -Daws.requestChecksumCalculation=WHEN_REQUIRED -Daws.responseChecksumValidation=WHEN_REQUIRED \
      -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
      org.stowage.bench.placement.PlacementBars "$bar" --reps "$reps" --placement "$placement" \
      --workload "$workloads" --data "$data" --work "$work" "${extra[@]}"
    echo "after: $(uptime)"
  } 2>&1 | tee "$result"
  echo "kept in $result"
done
