#!/usr/bin/env bash
# The footprint bench of issue 19: how much memory the Karaf JVM holds, for a stock Karaf 4.4.8 and for the Stowage
# distribution, both started by their own scripts with the same JVM options:
#   - idle: RSS 60 s after the distribution is ready (Stowage: after its start-up warm-up finished; the stock Karaf:
#     after it ran one shell command through bin/client, as Stowage runs its operations);
#   - per operation (Stowage): a full backup of the data set, a restore of it, a check --read-data, each through
#     bin/client: the peak RSS while it runs (sampled every 0.2 s) and the RSS 60 s after it returned, against the
#     RSS before it (60 s after the operation before it, or idle) and against idle (what all operations so far left).
# With --nmt, the JVM runs with Native Memory Tracking (summary; costs a little memory itself) and the report adds
# its summary at idle, right after the backup and 60 s after each operation, so that the figures can be broken down
# (heap, metaspace, code, threads, GC, direct buffers under "Other", and what the JVM does not see: glibc arenas,
# zstd's native contexts).
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
source "$bench/dist.sh"
default_inputs
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

dist_opts=$opts

nmt_summary() {
  [[ $nmt == 1 ]] || return 0
  echo "  Native Memory Tracking, $2:"
  jcmd "$1" VM.native_memory summary scale=MB 2>/dev/null \
    | grep -E '^(Total|-  *(Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Arena Chunk|Metaspace))' \
    | sed 's/^/    /'
}

{
  echo "# bench/footprint.sh, $(date -Is), $(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MiB RAM"
  echo "# build: $(git -C "$root" log -1 --format='%h %s' 2>/dev/null || echo '?')"
  echo "# java: $(java -version 2>&1 | head -1); extra JVM options: ${opts:-none} (the distribution's bin/setenv adds its own)"
  echo "# data: $data, $(du -sm "$data" | cut -f1) MiB in $(find "$data" -type f | wc -l) files"

  log "stock Karaf $karaf_version"
  mkdir -p "$run_dir/stock" && tar -xzf "$stock" -C "$run_dir/stock" --strip-components=1
  enable_login "$run_dir/stock"
  pid=$(start_dist "$run_dir/stock")
  # Served one shell command over SSH, as Stowage serves its operations: what Karaf's own shell and SSH server load
  # for a session is the host's, not Stowage's.
  wait_ready "$run_dir/stock" "bundle:list"
  sleep "$idle_seconds"
  stock_idle=$(rss_kib "$pid")
  echo "stock Karaf $karaf_version idle (${idle_seconds} s after one shell command through bin/client):" \
    "$(mib "$stock_idle") MiB RSS"
  nmt_summary "$pid" "stock Karaf idle"
  stop_dist "$run_dir/stock" "$pid"

  log "Stowage distribution $(basename "$assembly")"
  mkdir -p "$run_dir/stowage" && tar -xzf "$assembly" -C "$run_dir/stowage" --strip-components=1
  dist=$run_dir/stowage
  pid=$(start_dist "$dist")
  wait_ready "$dist"
  wait_rehearsed "$dist"
  ready_rss=$(rss_kib "$pid")
  sleep "$idle_seconds"
  idle=$(rss_kib "$pid")
  echo "Stowage idle: $(mib "$ready_rss") MiB RSS when ready (warm-up done), $(mib "$idle") MiB ${idle_seconds} s later;" \
    "adds $(mib $((idle - stock_idle))) MiB to the stock Karaf"
  nmt_summary "$pid" "Stowage idle"

  target=$run_dir/restore
  before=$idle
  for op in backup restore check; do
    case $op in
      backup) cmd=(client "$dist" "stowage:backup $data") ;;
      restore) cmd=(client "$dist" "stowage:restore latest $target") ;;
      check) cmd=(client "$dist" "stowage:check --read-data") ;;
    esac
    start=$(date +%s.%N)
    peak=$(peak_while "$pid" "${cmd[@]}")
    took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
    [[ $op == backup ]] && nmt_summary "$pid" "right after the backup"
    sleep "$idle_seconds"
    after=$(rss_kib "$pid")
    echo "$op: ${took} s, peak $(mib "$peak") MiB RSS, $(mib "$after") MiB ${idle_seconds} s after it" \
      "($(mib $((after - before))) MiB over the RSS before it, $(mib $((after - idle))) MiB over idle," \
      "$(mib $((after - stock_idle))) MiB over the stock Karaf)"
    before=$after
    nmt_summary "$pid" "${idle_seconds} s after the $op"
  done
  echo "highest RSS of the Stowage JVM (VmHWM): $(mib "$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")") MiB"
  stop_dist "$dist" "$pid"
} 2>&1 | tee "$result"
rm -rf "$run_dir"
echo "result: $result"
