#!/usr/bin/env bash
# The footprint bench of issue 19: how much memory the Karaf JVM holds, for a stock Karaf 4.4.8 and for the Stowage
# distribution, both started by their own scripts with the same JVM options:
#   - idle: RSS 60 s after the distribution is ready (Stowage: after its start-up rehearsal finished);
#   - per operation (Stowage): a full backup of the data set, a restore of it, a check --read-data, each through
#     bin/client: the peak RSS while it runs (sampled every 0.2 s) and the RSS 60 s after it returned.
# With --nmt, the JVM runs with Native Memory Tracking (summary; costs a little memory itself) and the report adds
# its summary at idle and right after the backup, so that the figures can be broken down (heap, metaspace, code,
# threads, GC, direct buffers under "Other", and what the JVM does not see: glibc arenas, zstd's native contexts).
#
#   bench/footprint.sh [--data DIR] [--assembly TAR.GZ] [--java-opts "..."] [--idle-seconds 60] [--nmt]
#
# --data: default bench/work/pristine, the data set of bench/run.sh (made once by bench/dataset.sh).
# --assembly: default karaf-assembly/target/stowage-karaf-assembly-*.tar.gz (built by `mvn install` first; this
#   script builds nothing).
# --java-opts: extra JVM options for both JVMs (EXTRA_JAVA_OPTS), e.g. to try another heap size.
# The stock Karaf comes from Maven Central (org.apache.karaf:apache-karaf:4.4.8:tar.gz) into the bench's local
# repository. Output: bench/results/footprint-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
data=
assembly=
java_opts=
idle_seconds=60
nmt=0
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
karaf_version=4.4.8

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --assembly) assembly=$2; shift 2 ;;
    --java-opts) java_opts=$2; shift 2 ;;
    --idle-seconds) idle_seconds=$2; shift 2 ;;
    --nmt) nmt=1; shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
if [[ -z $assembly ]]; then
  assembly=$(ls "$root"/karaf-assembly/target/stowage-karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)
  [[ -n $assembly ]] || { echo "no assembly: run mvn -B install -DskipTests first, or give --assembly" >&2; exit 1; }
fi
if [[ -z $data ]]; then
  source "$bench/dataset.sh"
  default_data_set
fi
stock=$m2_repo/org/apache/karaf/apache-karaf/$karaf_version/apache-karaf-$karaf_version.tar.gz
if [[ ! -f $stock ]]; then
  log "fetching Karaf $karaf_version from Maven Central"
  mvn -B -q dependency:get -Dartifact="org.apache.karaf:apache-karaf:$karaf_version:tar.gz" \
    -Dmaven.repo.local="$m2_repo" >&2
fi

run_dir=$bench/work/footprint
rm -rf "$run_dir"
mkdir -p "$run_dir" "$bench/results"
result=$bench/results/footprint-$(date +%Y%m%d-%H%M%S).txt
opts="$java_opts"
[[ $nmt == 1 ]] && opts="$opts -XX:NativeMemoryTracking=summary"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
# The JVM of a distribution started with bin/start: the java process whose command line names its folder.
karaf_pid() { pgrep -f -- "-Dkaraf.home=$1 " | head -1 || true; }

# Runs "$@" while sampling the Karaf JVM's RSS; prints the peak in KiB.
peak_while() {
  local pid=$1; shift
  local peak=0 now
  "$@" >"$run_dir/last-command.log" 2>&1 &
  local cmd=$!
  while kill -0 "$cmd" 2>/dev/null; do
    now=$(rss_kib "$pid"); (( now > peak )) && peak=$now
    sleep 0.2
  done
  if ! wait "$cmd"; then
    echo "command failed: $* (output: $run_dir/last-command.log)" >&2
    cat "$run_dir/last-command.log" >&2
    exit 1
  fi
  echo "$peak"
}

nmt_summary() {
  [[ $nmt == 1 ]] || return 0
  echo "  Native Memory Tracking, $2:"
  jcmd "$1" VM.native_memory summary scale=MB 2>/dev/null \
    | grep -E '^(Total|-  *(Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Arena Chunk|Metaspace))' \
    | sed 's/^/    /'
}

start_dist() { # folder
  (cd "$1" && EXTRA_JAVA_OPTS="$opts" bin/start >/dev/null 2>&1)
  local pid="" i
  for i in $(seq 1 120); do pid=$(karaf_pid "$1"); [[ -n $pid ]] && break; sleep 0.5; done
  [[ -n $pid ]] || { echo "Karaf in $1 did not start; see $1/data/log/karaf.log" >&2; exit 1; }
  echo "$pid"
}

stop_dist() { # folder pid
  (cd "$1" && bin/stop >/dev/null 2>&1) || true
  local i
  for i in $(seq 1 120); do kill -0 "$2" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$2" 2>/dev/null || true
}

{
  echo "# bench/footprint.sh, $(date -Is), $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MiB RAM"
  echo "# build: $(git -C "$root" log -1 --format='%h %s' 2>/dev/null || echo '?')"
  echo "# java: $(java -version 2>&1 | head -1); extra JVM options: ${opts:-none} (the distribution's bin/setenv adds its own)"
  echo "# data: $data, $(du -sm "$data" | cut -f1) MiB in $(find "$data" -type f | wc -l) files"

  log "stock Karaf $karaf_version"
  mkdir -p "$run_dir/stock" && tar -xzf "$stock" -C "$run_dir/stock" --strip-components=1
  pid=$(start_dist "$run_dir/stock")
  sleep $((idle_seconds + 30)) # it has no readiness probe without a user; boot takes well under 30 s
  stock_idle=$(rss_kib "$pid")
  echo "stock Karaf $karaf_version idle ($((idle_seconds + 30)) s after start): $(mib "$stock_idle") MiB RSS"
  nmt_summary "$pid" "stock Karaf idle"
  stop_dist "$run_dir/stock" "$pid"

  log "Stowage distribution $(basename "$assembly")"
  mkdir -p "$run_dir/stowage" && tar -xzf "$assembly" -C "$run_dir/stowage" --strip-components=1
  dist=$run_dir/stowage
  pid=$(start_dist "$dist")
  # batch mode, as an operator's script runs a command; a small client JVM that only relays it
  client() { (cd "$dist" && echo "$1" | JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m" bin/client -b); }
  for i in $(seq 1 120); do client "stowage:snapshots" >/dev/null 2>&1 && break; sleep 2; done
  for i in $(seq 1 240); do grep -qE "start-up rehearsal (done|of backup)|paths compiled" "$dist/data/log/karaf.log" && break; sleep 1; done
  ready_rss=$(rss_kib "$pid")
  sleep "$idle_seconds"
  idle=$(rss_kib "$pid")
  echo "Stowage idle: $(mib "$ready_rss") MiB RSS when ready (rehearsal done), $(mib "$idle") MiB ${idle_seconds} s later;" \
    "adds $(mib $((idle - stock_idle))) MiB to the stock Karaf"
  nmt_summary "$pid" "Stowage idle"

  target=$run_dir/restore
  for op in backup restore check; do
    case $op in
      backup) cmd=(client "stowage:backup $data") ;;
      restore) cmd=(client "stowage:restore latest $target") ;;
      check) cmd=(client "stowage:check --read-data") ;;
    esac
    start=$(date +%s.%N)
    peak=$(peak_while "$pid" "${cmd[@]}")
    took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
    [[ $op == backup ]] && nmt_summary "$pid" "right after the backup"
    sleep "$idle_seconds"
    after=$(rss_kib "$pid")
    echo "$op: ${took} s, peak $(mib "$peak") MiB RSS, $(mib "$after") MiB ${idle_seconds} s after it" \
      "($(mib $((after - idle))) MiB over idle)"
  done
  echo "highest RSS of the Stowage JVM (VmHWM): $(mib "$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")") MiB"
  stop_dist "$dist" "$pid"
} 2>&1 | tee "$result"
rm -rf "$run_dir"
echo "result: $result"
