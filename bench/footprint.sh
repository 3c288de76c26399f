#!/usr/bin/env bash
# The footprint bench of issue 19: how much memory the Karaf JVM holds, for a stock Karaf 4.4.8 and for the Stowage
# distribution, both started by their own scripts with the same JVM options:
#   - idle: RSS 60 s after the distribution is ready (Stowage: after its start-up warm-up finished; the stock Karaf:
#     after it ran one shell command through bin/client, as Stowage runs its operations);
#   - per operation (Stowage): a full backup of the data set, a restore of it, a check --read-data, each through
#     bin/client: the peak RSS while it runs (sampled every 0.2 s) and the RSS 60 s after it returned, against the
#     RSS before it (60 s after the operation before it, or idle) and against idle (what all operations so far left).
# Each distribution is measured on its second start, as a host runs it every day: its first start after unpacking does
# one-time work that stays loaded (Karaf resolves and installs its boot features into the bundle cache; Stowage's
# feature wraps the plain Camel jars with bnd), so the script first starts it once, reads its idle RSS then too and
# stops it. --first-start measures everything on the first start instead (the figures before 2026-12-07).
# With --install, the Stowage side is an integrator's host: a second stock Karaf into which `feature:install stowage`
# installs Stowage from the bench's Maven repository on its first start, as README.md's "Installing Stowage into an
# existing Karaf" does (the whole project `mvn install`ed into that repository first); it gets only --java-opts, not
# the distribution's bin/setenv.
# With --nmt, the JVM runs with Native Memory Tracking (summary; costs a little memory itself) and the report adds
# its summary at idle, right after the backup and 60 s after each operation, so that the figures can be broken down
# (heap, metaspace, code, threads, GC, direct buffers under "Other", and what the JVM does not see: glibc arenas,
# zstd's native contexts).
#
#   bench/footprint.sh [--data DIR] [--assembly TAR.GZ] [--java-opts "..."] [--idle-seconds 60] [--nmt]
#                      [--first-start] [--install]
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
first_start=0
install=0
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
karaf_version=4.4.8

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --assembly) assembly=$2; shift 2 ;;
    --java-opts) java_opts=$2; shift 2 ;;
    --idle-seconds) idle_seconds=$2; shift 2 ;;
    --nmt) nmt=1; shift ;;
    --first-start) first_start=1; shift ;;
    --install) install=1; shift ;;
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
# A step that fails stops the distributions this script started.
stop_started() {
  local folder pid
  for folder in "$run_dir/stock" "$run_dir/stowage"; do
    pid=$(karaf_pid "$folder")
    [[ -z $pid ]] || stop_dist "$folder" "$pid"
  done
}
trap stop_started EXIT
rm -rf "$run_dir"
mkdir -p "$run_dir" "$bench/results"
result=$bench/results/footprint-$(date +%Y%m%d-%H%M%S).txt
opts="$java_opts"
[[ $nmt == 1 ]] && opts="$opts -XX:NativeMemoryTracking=summary"

dist_opts=$opts
version=$(basename "$assembly" | sed -E 's/^stowage-karaf-assembly-(.*)\.tar\.gz$/\1/')

# Sleeps the idle time, reading the RSS every tenth of it; prints the reads in MiB, the last one the settled read.
settle() { # pid
  local i
  for i in $(seq 1 10); do
    sleep "$(awk -v s="$idle_seconds" 'BEGIN {print s / 10}')"
    printf '%s ' "$(mib "$(rss_kib "$1")")"
  done
}

# The RSS's parts in MiB: anonymous memory (heap, native), file mappings (libjvm, the CDS archive), shared memory.
rss_parts() { # pid
  awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} /^RssShmem:/ {s = $2}
       END {printf "anon %.0f, file %.0f, shmem %.0f", a / 1024, f / 1024, s / 1024}' "/proc/$1/status"
}

# The Java heap's committed and used MiB, as G1 reports them.
heap_parts() { # pid
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/ heap +total/ {
      t = $0; sub(/.*total /, "", t); sub(/K.*/, "", t); u = $0; sub(/.*used /, "", u); sub(/K.*/, "", u)
      printf "heap %.0f committed, %.0f used", t / 1024, u / 1024 }'
}

# Waits until the stock Karaf's shell has run a command.
ready_stock() { # folder
  wait_ready "$1" "bundle:list"
}

# Waits until Stowage's shell answers and its warm-up is done; with --install, installs Stowage on the first start.
ready_stowage() { # folder
  if [[ $install == 1 && ! -f $1/stowage-installed ]]; then
    ready_stock "$1"
    client "$1" "feature:repo-add mvn:org.stowage/stowage-features/$version/xml/features" >/dev/null
    client "$1" "feature:install stowage" >/dev/null || true  # Karaf may refresh the shell; ready below says
    touch "$1/stowage-installed"
  fi
  wait_ready "$1"
  wait_rehearsed "$1"
}

# Starts a distribution for the first time, reads its idle RSS and stops it, unless --first-start.
start_once() { # folder name ready-function
  [[ $first_start == 0 ]] || return 0
  local pid
  pid=$(start_dist "$1")
  "$3" "$1"
  settle "$pid" >/dev/null
  echo "$2, first start: $(mib "$(rss_kib "$pid")") MiB RSS ${idle_seconds} s after it was ready ($(rss_parts "$pid"))"
  stop_dist "$1" "$pid"
}

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
  echo "# java: $(java -version 2>&1 | head -1); extra JVM options: ${opts:-none}" \
    "(the distribution's bin/setenv adds its own)"
  heap_env=$(env | grep -E '^(MALLOC_|GLIBC_TUNABLES=)' | paste -sd ' ' || true)
  echo "# C library heap settings from the environment, for both JVMs: ${heap_env:-none, glibc defaults}" \
    "(the distribution's bin/setenv adds MALLOC_ARENA_MAX=2 where unset)"
  echo "# data: $data, $(du -sm "$data" | cut -f1) MiB in $(find "$data" -type f | wc -l) files"
  echo "# Stowage side: $([[ $install == 1 ]] && echo "a stock Karaf $karaf_version, feature:install stowage $version" \
    || echo "the distribution $(basename "$assembly")")"
  echo "# measured on each distribution's $([[ $first_start == 1 ]] && echo first || echo second) start"

  log "stock Karaf $karaf_version"
  mkdir -p "$run_dir/stock" && tar -xzf "$stock" -C "$run_dir/stock" --strip-components=1
  enable_login "$run_dir/stock"
  start_once "$run_dir/stock" "stock Karaf $karaf_version" ready_stock
  pid=$(start_dist "$run_dir/stock")
  # Served one shell command over SSH, as Stowage serves its operations: what Karaf's own shell and SSH server load
  # for a session is the host's, not Stowage's.
  ready_stock "$run_dir/stock"
  series=$(settle "$pid")
  stock_idle=$(rss_kib "$pid")
  echo "stock Karaf $karaf_version idle (${idle_seconds} s after one shell command through bin/client):" \
    "$(mib "$stock_idle") MiB RSS ($(rss_parts "$pid"); $(heap_parts "$pid");" \
    "read every $((idle_seconds / 10)) s: $series)"
  nmt_summary "$pid" "stock Karaf idle"
  stop_dist "$run_dir/stock" "$pid"

  dist=$run_dir/stowage
  mkdir -p "$dist"
  if [[ $install == 1 ]]; then
    log "stock Karaf $karaf_version and feature:install stowage $version"
    tar -xzf "$stock" -C "$dist" --strip-components=1
    enable_login "$dist"
    printf 'org.ops4j.pax.url.mvn.localRepository = %s\norg.ops4j.pax.url.mvn.offline = true\n' "$m2_repo" \
      >>"$dist/etc/org.ops4j.pax.url.mvn.cfg"
  else
    log "Stowage distribution $(basename "$assembly")"
    tar -xzf "$assembly" -C "$dist" --strip-components=1
  fi
  start_once "$dist" "Stowage" ready_stowage
  pid=$(start_dist "$dist")
  ready_stowage "$dist"
  ready_rss=$(rss_kib "$pid")
  series=$(settle "$pid")
  idle=$(rss_kib "$pid")
  echo "Stowage idle: $(mib "$ready_rss") MiB RSS when ready (warm-up done)," \
    "$(mib "$idle") MiB ${idle_seconds} s later" \
    "($(rss_parts "$pid"); $(heap_parts "$pid"); read every $((idle_seconds / 10)) s: $series);" \
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
    series=$(settle "$pid")
    after=$(rss_kib "$pid")
    echo "$op: ${took} s, peak $(mib "$peak") MiB RSS, $(mib "$after") MiB ${idle_seconds} s after it" \
      "($(mib $((after - before))) MiB over the RSS before it, $(mib $((after - idle))) MiB over idle," \
      "$(mib $((after - stock_idle))) MiB over the stock Karaf; $(rss_parts "$pid"); $(heap_parts "$pid");" \
      "read every $((idle_seconds / 10)) s: $series)"
    before=$after
    nmt_summary "$pid" "${idle_seconds} s after the $op"
  done
  echo "highest RSS of the Stowage JVM (VmHWM): $(mib "$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")") MiB"
  stop_dist "$dist" "$pid"
} 2>&1 | tee "$result"
rm -rf "$run_dir"
echo "result: $result"
