#!/usr/bin/env bash
# The staging bench of issue 14: one full backup of the ~1 GiB data set over disk, flash and a virtual tape (every
# pack on all three), the tape slow and BUSY for the first half of the run, with staging, against the same backup
# with staging disabled (writers wait for the tape) and with all devices fast and idle; one JVM
# (org.stowage.bench.staging.StagingBench), the real staging service on the work directory's file system.
#
#   bench/staging.sh [--reps 3] [--data DIR] [--tape-rate MIB_PER_S] [--busy-share 0.5] [--quiet-wait SECONDS]
#                    [--keep-page-reporting] [--skip-build]
#                    [-- extra StagingBench options, e.g. --run-wait 300 --drain-timeout 600]
#
# The data is DIR, or by default bench/work/pristine: the data set of bench/run.sh (bench/dataset.sh), made once
# and reused. Before the JVM starts it waits until the 1-minute load average is below 1.0 (polling every 30 s, at
# most --quiet-wait seconds, default 1800), and inside it before each timed run again (at most 300 s); if the
# machine never gets quiet it measures anyway, and every run line shows the load and the CPU other processes used
# meanwhile. Free page reporting is paused for the run (root only), as bench/run.sh does; --keep-page-reporting
# leaves it as the machine has it, for the figure without that change. Output: bench/results/staging-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
reps=3
data=
tape_rate=50
busy_share=0.5
quiet_wait=1800
build=1
pause_page_reporting=1
extra=()
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}

while [[ $# -gt 0 ]]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --tape-rate) tape_rate=$2; shift 2 ;;
    --busy-share) busy_share=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --keep-page-reporting) pause_page_reporting=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ $build == 1 ]]; then
  BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
fi
if [[ ! -f $bench/target/classpath.txt ]]; then
  echo "bench/target/classpath.txt is missing: run without --skip-build" >&2
  exit 1
fi

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
if [[ -z $data ]]; then
  source "$bench/dataset.sh"
  default_data_set
fi
staging_work=$bench/work/staging
mkdir -p "$staging_work" "$bench/results"

# Free page reporting paused for the run, as bench/run.sh does (bench/README.md, "Caveats"): the staged runs are the
# only ones that write through the page cache (~660 MiB of staging segments, deleted after each run); with reporting
# on, that freed memory goes back to the host at once and the next run's page cache faults on the host, which adds
# CPU time that varies from run to run. Root only; put back on exit.
page_reporting=/sys/module/page_reporting/parameters/page_reporting_order
page_reporting_saved=""
if ! order=$(cat "$page_reporting" 2>/dev/null); then
  page_reporting_state="not available on this kernel"
elif [[ $pause_page_reporting == 0 ]]; then
  page_reporting_state="ON, as the machine has it (order $order; --keep-page-reporting)"
elif [[ $(id -u) == 0 ]] && echo 11 >"$page_reporting" 2>/dev/null; then
  page_reporting_saved=$order
  page_reporting_state="paused for the run (page_reporting_order $order -> 11)"
else
  page_reporting_state="ON (order $order; pausing it needs root): freed memory goes back to the host at once"
fi
trap '[[ -z $page_reporting_saved ]] || echo "$page_reporting_saved" >"$page_reporting"' EXIT

load1() { cut -d' ' -f1 /proc/loadavg; }
waited=0
while awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.0) }' && (( waited < quiet_wait )); do
  echo "waiting for a quiet machine: $(uptime)"
  sleep 30
  waited=$((waited + 30))
done

result=$bench/results/staging-$(date -u +%Y%m%d-%H%M%S).txt
{
  echo "build: $(cat "$bench/target/engine-version.txt" 2>/dev/null || echo '?'); CPUs: $(nproc)"
  echo "command: bench/staging.sh --reps $reps --tape-rate $tape_rate --busy-share $busy_share ${extra[*]}"
  echo "data: $data, $(find "$data" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}') bytes in" \
    "$(find "$data" -type f | wc -l) files"
  echo "work directory (devices and staging): $staging_work on $(df -T "$staging_work" | awk 'NR == 2 {print $1, $2}')"
  echo "free page reporting: $page_reporting_state"
  echo "before: $(uptime)"
  # direct memory for the bench JVM, which holds the devices, staging and the engine in one process
  java -XX:MaxDirectMemorySize=512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
    org.stowage.bench.staging.StagingBench --data "$data" --work "$staging_work" --reps "$reps" \
    --tape-rate "$tape_rate" --busy-share "$busy_share" "${extra[@]}"
  echo "after: $(uptime)"
} 2>&1 | tee "$result"
echo "kept in $result"
