#!/usr/bin/env bash
# Stowage vs restic vs borg on the same ~1 GiB of real files (or of generated ones), in one run. See bench/README.md.
#
#   bench/run.sh [--size MIB] [--data real|generated] [--work DIR] [--tools LIST] [--reps N] [--seed N] [--fresh-data]
#                [--skip-build]
#
# Phases, each run for every tool before the next phase starts (so all tools back up the very same tree):
#   init, full backup, no-change re-backup, [1 % change applied once], 1 % re-backup, restore latest (onto a
#   fresh journaled ext4, then onto the work directory's file system), check with a full data read. Each command is timed by wall clock, with peak RSS and CPU time from
#   /usr/bin/time -v. Results go to bench/results/<timestamp>.{txt,json} and the table is printed.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")

size_mib=1024
work=$bench/work
tools_csv=stowage-svc,stowage,restic-off,restic-auto,borg,borg-auto
known_tools="stowage-svc, stowage, restic-off, restic-auto, borg, borg-auto"
data_set=real
data_seed=1
reps=1
seed=42
quiet_wait=120
hz=$(getconf CLK_TCK)
fresh_data=0
build=1
jfr=0
excludes20=0
svc_warmup=rehearsal
svc_mmap=glibc
m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
java_bin=${STOWAGE_JAVA:-java}
# the memory settings of the Karaf assembly (karaf-assembly/src/main/resources/bin/setenv), so that the service
# is measured as it runs there
read -r -a java_opts <<<"${STOWAGE_JAVA_OPTS:--Xmx384m -Xms96m -XX:MaxDirectMemorySize=256m -XX:G1PeriodicGCInterval=10000 -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:MaxNewSize=64m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# default_sources and prepare_data: the data set (bench/dataset.sh, shared with bench/staging.sh)
source "$bench/dataset.sh"
IFS=: read -r -a sources <<<"${BENCH_SOURCES:-$default_sources}"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<EOF

Options:
  --size MIB      data set size (default $size_mib)
  --data SET      real (default): real files from BENCH_SOURCES (colon-separated, default: JDK 17, Temurin 25,
                  ~/.m2/repository, then /usr/lib/x86_64-linux-gnu, /usr/share), in WORK/pristine;
                  generated: source trees, mail folders and database dumps written by GenerateData.java from
                  --data-seed, which the compression probe was not tuned on, in WORK/pristine-generated
  --data-seed N   seed of the generated data set (default $data_seed; the same seed and size give the same bytes)
  --work DIR      where data, repositories and logs go (default bench/work)
  --tools LIST    comma-separated from: $known_tools (default: all);
                  stowage-svc = Stowage in service (one JVM, repository kept open across phases, as in Karaf),
                  stowage = Stowage as a cold CLI (a new JVM and key derivation per command),
                  borg = borg --compression zstd,3, borg-auto = borg --compression auto,zstd,3
  --reps N        repeat the whole sequence N times with fresh repositories; medians are shown (default 1)
  --seed N        seed of the 1 % change (default $seed)
  --quiet-wait S  before each command, wait up to S seconds for other processes to go quiet (default $quiet_wait)
  --fresh-data    rebuild the data set even if one of the same size and sources (generated: seed) exists
  --skip-build    reuse bench/target from an earlier run
  --excludes20    after the no-change re-backup, the Stowage tools run another one with 20 exclude patterns that
                  match nothing in the data (phase nochange_excl; the issue 18 bar: at most 1.1x nochange)
  --svc-warmup M  what the service JVM compiles when it starts, as the product's warmup setting: rehearsal
                  (default; backup and restore rehearsed before the first command, so the bars are judged on a
                  service whose pipeline is compiled, as a long-running one's is after its first jobs, and the
                  report counts what the rehearsal cost) or crypto (the product's default warm-up: the figures are
                  then those of the first jobs after a start, the JIT compiling while they run)
  --svc-mmap T    glibc's mmap threshold in the service JVM: glibc (default; glibc's own, which rises to the
                  largest block freed: the engine leaves it so where the arenas are limited, as here and in the
                  distribution) or fixed (at 128 KiB, MALLOC_MMAP_THRESHOLD_=131072, as the engine fixes it in a
                  host whose arenas are not limited); for an A/B of what fixing it costs the jobs
  --jfr           record a Java Flight Recording of every Stowage command into bench/work/logs (costs a few
                  percent; bench/jfr-top.sh FILE.jfr shows where the time went)
Environment: STOWAGE_JAVA (java binary), STOWAGE_JAVA_OPTS (JVM options), BENCH_M2_REPO (Maven local
repository for the Stowage build, default ~/.m2/bench-repo; never ~/.m2/repository).
EOF
}

while [ $# -gt 0 ]; do
  case $1 in
    --size) size_mib=$2; shift 2 ;;
    --data) data_set=$2; shift 2 ;;
    --data-seed) data_seed=$2; shift 2 ;;
    --work) work=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --tools) tools_csv=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --fresh-data) fresh_data=1; shift ;;
    --skip-build) build=0; shift ;;
    --excludes20) excludes20=1; shift ;;
    --jfr) jfr=1; shift ;;
    --svc-warmup) svc_warmup=$2; shift 2 ;;
    --svc-mmap) svc_mmap=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
IFS=, read -r -a tools <<<"$tools_csv"
case $data_set in
  real) pristine=$work/pristine ;;              # the prepared data set, never modified
  generated) pristine=$work/pristine-generated ;;
  *) die "--data $data_set: use real or generated" ;;
esac
case $svc_warmup in rehearsal|crypto) ;; *) die "--svc-warmup $svc_warmup: use rehearsal or crypto" ;; esac
case $svc_mmap in fixed|glibc) ;; *) die "--svc-mmap $svc_mmap: use fixed or glibc" ;; esac
data=$work/data              # the tree the tools back up: a fresh copy of pristine per repetition
repos=$work/repos
caches=$work/caches
logs=$work/logs
password_file=$work/password
measurements=$work/measurements.tsv
meta=$work/meta.tsv
restore_image=$work/restore-fs.img   # the journaled ext4 that restores are measured on (mount_restore_fs)
restore_mount=$work/restore-fs
restore_fs=""                        # where phase "restore" writes, set by mount_restore_fs
page_reporting=/sys/module/page_reporting/parameters/page_reporting_order
page_reporting_saved=""              # the order to put back on exit, set by pause_page_reporting
MiB=1048576

has_tool() { [[ ",$tools_csv," == *",$1,"* ]]; }
has_stowage() { has_tool stowage || has_tool stowage-svc; }
has_borg() { has_tool borg || has_tool borg-auto; }
record() { printf '%s\t%s\t%s\t%s\n' "$@" >>"$measurements"; }   # rep tool metric value
meta() { printf '%s\t%s\n' "$1" "$2" >>"$meta"; }
tree_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}'; }
tree_files() { find "$1" -type f | wc -l; }
repo_bytes() { du -sb "$1" | cut -f1; }

# ---- setup ---------------------------------------------------------------------------------------------------

ensure_packages() {
  local missing=()
  [ -x /usr/bin/time ] || missing+=(time)
  if has_tool restic-off || has_tool restic-auto; then command -v restic >/dev/null || missing+=(restic); fi
  if has_borg; then command -v borg >/dev/null || missing+=(borgbackup); fi
  command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
  if has_stowage; then
    command -v "$java_bin" >/dev/null || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null || missing+=(maven)
  else
    command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)   # Mutate.java and Report.java
  fi
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run as root"
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

stowage_cp=""
build_stowage() {
  has_stowage || return 0
  if [ "$build" = 1 ]; then
    log "building the engine (api, engine, disk device) and the bench CLI into $m2_repo"
    BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
  fi
  [ -f "$bench/target/classpath.txt" ] || die "bench/target/classpath.txt is missing: run without --skip-build"
  stowage_cp="$bench/target/classes:$(cat "$bench/target/classpath.txt")"
}

# Restores are measured on a journaled ext4 made for the run (a loop-mounted image in the work directory), the
# file system a server's data disk has. The root file system of these VMs is ext4 WITHOUT a journal, and there
# every file creation scans past each inode freed in the last 30-180 s (ext4's recently_deleted check, made only
# when there is no journal), so a restore right after another tool's restored tree was deleted pays a cost that
# grows with that tree and swamps the tools' own work (bench/README.md, "Restores and the file system"). The
# work directory's file system is measured too (phase restore_workfs), as before. Without root or loop devices
# both restores go to the work directory, and the report says so.
mount_restore_fs() {
  umount_restore_fs
  restore_fs=$work/restore-target
  local why="" size=$((size_mib * 2 + 1024))
  # inode tables and journal are written now, not by ext4lazyinit during the first restores
  local mkfs=(mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$restore_image")
  if [ "$(id -u)" != 0 ]; then
    why="not root"
  elif ! { truncate -s "${size}M" "$restore_image" && "${mkfs[@]}" && mkdir -p "$restore_mount" \
        && mount -o loop "$restore_image" "$restore_mount"; } 2>"$logs/restore-fs.err"; then
    why="mounting a loop file system failed: $(tr '\n' ' ' <"$logs/restore-fs.err")"
  fi
  if [ -n "$why" ]; then
    log "WARNING: restores go to the work directory's file system ($why)"
    meta restore_fs "the work directory's file system ($why)"
    return
  fi
  restore_fs=$restore_mount
  meta restore_fs "a fresh journaled ext4 ($size MiB loop-mounted image, mkfs.ext4 defaults, inode tables written at once)"
}

umount_restore_fs() {
  if mountpoint -q "$restore_mount" 2>/dev/null; then umount "$restore_mount"; fi
  rm -f "$restore_image"
}

# These VMs report every freed page to the host at once (virtio-balloon free page reporting, order 9 = 2 MiB),
# and the host takes it back; the next time the guest uses that memory, e.g. for a restore's fresh page cache,
# each page faults on the host. That made the kernel time of one restore swing between 1 and 3.8 s. Raising the
# reporting order above the largest buddy order (10) stops the reports for the run, for every tool alike; the
# old value is put back on exit. Needs root; without it the report says that reporting stayed on.
pause_page_reporting() {
  local order paused=11
  if ! order=$(cat "$page_reporting" 2>/dev/null); then
    meta page_reporting "not available on this kernel"
  elif [ "$(id -u)" = 0 ] && echo "$paused" >"$page_reporting" 2>/dev/null; then
    page_reporting_saved=$order
    meta page_reporting "paused for the run (page_reporting_order $order -> $paused)"
  else
    log "WARNING: free page reporting stays on (needs root): restore figures swing more"
    meta page_reporting "ON (order $order; pausing it needs root): freed memory goes back to the host at once"
  fi
}

cleanup() {
  umount_restore_fs
  if [ -n "$page_reporting_saved" ]; then echo "$page_reporting_saved" >"$page_reporting"; fi
}

# Whether the file system holding $1 has a journal (jbd2 lists every journaled device).
has_journal() {
  local dev
  dev=$(basename "$(df --output=source "$1" | tail -n1)")
  compgen -G "/proc/fs/jbd2/$dev-*" >/dev/null
}

init_run() {
  rm -rf "$repos" "$caches" "$logs" "$measurements" "$meta"
  mkdir -p "$repos" "$caches" "$logs" "$bench/results"
  : >"$measurements"
  [ -f "$password_file" ] || { head -c 24 /dev/urandom | base64 >"$password_file"; chmod 600 "$password_file"; }
  export RESTIC_PASSWORD_FILE=$password_file
  BORG_PASSPHRASE=$(head -n1 "$password_file")
  # BORG_BASE_DIR (cache, security state) is set per tool by tool_cmd
  export BORG_PASSPHRASE BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
  export BORG_DISPLAY_PASSPHRASE=no
}

write_meta() {
  local versions=()
  has_stowage && versions+=("Stowage built from $(cat "$bench/target/engine-version.txt" 2>/dev/null || echo '?') on $("$java_bin" -version 2>&1 | head -n1)")
  { has_tool restic-off || has_tool restic-auto; } && versions+=("$(restic version)")
  has_borg && versions+=("$(borg --version)")
  meta date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  meta reps "$reps"
  meta tools "$tools_csv"
  meta cpus "$(nproc)"
  meta cpu_model "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  meta memory "$(free -h | awk '/^Mem:/ {print $2}')"
  meta kernel "$(uname -sr)"
  meta filesystem "$(df -T "$work" | awk 'NR==2 {print $2 " (" $1 ")"}')$(has_journal "$work" || echo ' without a journal')"
  local joined
  joined=$(printf '%s | ' "${versions[@]}")
  meta versions "${joined% | }"
  meta data_set "$data_set"
  if [ "$data_set" = generated ]; then
    meta data_sources "$(generated_description)"
  else
    meta data_sources "${sources[*]}"
  fi
  meta data_bytes "$(tree_bytes "$pristine")"
  meta data_files "$(tree_files "$pristine")"
  meta jfr "$jfr"
  has_tool stowage-svc && meta svc_warmup "$svc_warmup (what the service JVM compiles at start, as the product's warmup setting)"
  has_tool stowage-svc && meta svc_mmap "$svc_mmap (glibc's mmap threshold in the service JVM)"
  meta method "wall clock around each command; peak RSS and CPU from /usr/bin/time -v; page cache warm for every tool alike: the data and the tool's repository and cache are read right before each command (this VM pages out memory idle for about a minute); sync before and after each command, outside the timing; before each command the script waits for other processes to go quiet and records the CPU they used meanwhile; tools run phase by phase, in an order rotated per repetition"
}

# ---- one tool, one action --------------------------------------------------------------------------------------

# Sets CMD to the command line of ACTION (init, backup LABEL, restore TARGET, check) for TOOL.
tool_cmd() {
  local tool=$1 action=$2 arg=${3:-} repo=$repos/$1
  case $tool in
    restic-off|restic-auto)
      local r=(restic --repo "$repo" --cache-dir "$caches/$tool" --compression "${tool#restic-}")
      case $action in
        init) CMD=("${r[@]}" init --repository-version 2) ;;
        backup) CMD=("${r[@]}" backup --host bench --tag "$arg" "$data") ;;
        restore) CMD=("${r[@]}" restore latest --target "$arg") ;;
        check) CMD=("${r[@]}" check --read-data) ;;
      esac ;;
    borg|borg-auto)
      # auto,zstd,3: an lz4 trial of each chunk decides whether zstd,3 runs on it, the nearest borg has to the
      # compression probe of Stowage
      local b=(env BORG_BASE_DIR="$caches/$tool") compression=zstd,3
      [ "$tool" = borg-auto ] && compression=auto,zstd,3
      case $action in
        init) CMD=("${b[@]}" borg init --encryption repokey "$repo") ;;
        backup) CMD=("${b[@]}" borg create --stats --compression "$compression" "$repo::$arg" "$data") ;;
        restore) CMD=(env -C "$arg" "${b[@]:1}" borg extract \
                   "$repo::$("${b[@]}" borg list --last 1 --short "$repo")") ;;
        check) CMD=("${b[@]}" borg check --verify-data "$repo") ;;
      esac ;;
    stowage|stowage-svc)
      # stowage: a new JVM per command (cold CLI). stowage-svc: the words are sent to the one service JVM of the
      # repetition (svc_start), which keeps the repository open between commands, as the product does in Karaf.
      local s=("$java_bin" "${java_opts[@]}" -cp "$stowage_cp" org.stowage.bench.StowageBench)
      [ "$tool" = stowage-svc ] && s=()
      case $action in
        init) CMD=("${s[@]}" init --repo "$repo" --password-file "$password_file") ;;
        backup) CMD=("${s[@]}" backup --repo "$repo" --password-file "$password_file" --tag "$arg")
                [ "$arg" = nochange_excl ] && for p in "${exclude_patterns[@]}"; do CMD+=(--exclude "$p"); done
                CMD+=("$data") ;;
        restore) CMD=("${s[@]}" restore --repo "$repo" --password-file "$password_file" latest "$arg") ;;
        check) CMD=("${s[@]}" check --read-data --repo "$repo" --password-file "$password_file") ;;
      esac ;;
    *) die "unknown tool $tool (known: $known_tools)" ;;
  esac
}

# CPU jiffies spent by anything on this machine (user, nice, system, irq, softirq) and stolen by the hypervisor.
cpu_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $9}' /proc/stat; }

# Waits (at most quiet_wait seconds) until other processes use less than a quarter of one CPU, so that a build
# or test run elsewhere on the machine does not steal the measured tool's cores. Whatever load remains during
# the measurement is recorded (PHASE.other_cpu_s) and flagged in the report.
wait_quiet() {
  local waited=0 a b
  while [ "$waited" -lt "$quiet_wait" ]; do
    read -r a _ < <(cpu_jiffies); sleep 1; read -r b _ < <(cpu_jiffies)
    [ $((b - a)) -lt $((hz / 4)) ] && return 0
    [ "$waited" = 0 ] && log "  waiting for the machine to be quiet (other processes use CPU)"
    waited=$((waited + 1))
  done
  log "  the machine is still busy after ${quiet_wait}s; measuring anyway (the report flags it)"
}

# Reads every file below the given directories so that the page cache holds them. The kernel of these VMs pages
# out memory untouched for about a minute (DAMON), so this runs right before every measured command.
warm() {
  local d
  for d in "$@"; do [ -e "$d" ] && find "$d" -type f -exec cat {} + >/dev/null; done
  return 0
}

# Runs CMD under /usr/bin/time -v and records wall, user, sys, peak RSS, exit code and the CPU time that other
# processes took meanwhile, as PHASE of TOOL. Syncs before and after, outside the timing, so that no tool pays
# for another one's write-back.
measure() {
  local rep=$1 tool=$2 phase=$3 out=$logs/rep$1-$2-$3 rc=0 t0 t1 busy0 steal0 busy1 steal1
  if [ "$tool" = stowage-svc ]; then measure_svc "$@"; return 0; fi
  if [ "$tool" = stowage ] && [ "$jfr" = 1 ]; then
    CMD=("${CMD[0]}" "-XX:StartFlightRecording=filename=$out.jfr,settings=profile" "${CMD[@]:1}")
  fi
  sync
  wait_quiet
  read -r busy0 steal0 < <(cpu_jiffies)
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$out.time" "${CMD[@]}" </dev/null >"$out.log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  read -r busy1 steal1 < <(cpu_jiffies)
  sync
  local user sys rss
  user=$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$out.time")
  sys=$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$out.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")
  record_command "$rep" "$tool" "$phase" "$t0" "$t1" "$busy0" "$steal0" "$busy1" "$steal1" "$user" "$sys" "$rss" "$rc"
}

# Records one measured command (see measure) and logs a line about it.
record_command() {
  local rep=$1 tool=$2 phase=$3 t0=$4 t1=$5 busy0=$6 steal0=$7 busy1=$8 steal1=$9 user=${10} sys=${11} rss=${12}
  local rc=${13} out=$logs/rep$1-$2-$3 wall other steal
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  other=$(awk -v j=$((busy1 - busy0)) -v hz="$hz" -v u="${user:-0}" -v s="${sys:-0}" \
    'BEGIN {o = j / hz - u - s; printf "%.2f", o < 0 ? 0 : o}')
  steal=$(awk -v j=$((steal1 - steal0)) -v hz="$hz" 'BEGIN {printf "%.2f", j / hz}')
  record "$rep" "$tool" "$phase.wall_s" "$wall"
  record "$rep" "$tool" "$phase.user_s" "${user:-nan}"
  record "$rep" "$tool" "$phase.sys_s" "${sys:-nan}"
  record "$rep" "$tool" "$phase.rss_kb" "${rss:-nan}"
  record "$rep" "$tool" "$phase.other_cpu_s" "$other"
  record "$rep" "$tool" "$phase.steal_s" "$steal"
  record "$rep" "$tool" "$phase.rc" "$rc"
  log "  $tool $phase: ${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')s CPU, $((${rss:-0} / 1024)) MiB RSS, exit $rc; other processes ${other}s CPU, steal ${steal}s"
  if [ "$rc" != 0 ]; then
    log "  $tool $phase FAILED; last lines of $out.log:"
    tail -n 5 "$out.log" | sed 's/^/    /' >&2
  fi
  return 0
}

# ---- Stowage in service: one JVM per repetition, commands over a pipe -------------------------------------------

# Starts the service JVM of a repetition at its turn in phase init, and measures what that start costs, as the
# product pays it at every start of its host (issue 19): phase "startup" runs from launching the JVM until it has
# created the repository (in Karaf: opened it) and its warm-up has finished, with the CPU time the JVM used and the
# bytes it wrote (/proc/PID/io write_bytes) until then. The init command goes down the pipe at launch and is also
# recorded as phase init, timed from the service's first line (@@serving) to its reply. Its whole life runs under
# /usr/bin/time -v, whose peak RSS (rep<N>-stowage-svc-service.time) is the process's peak. The rehearsal's scratch
# directory goes below the work directory (java.io.tmpdir), as Karaf's goes below its data/tmp.
svc_start() {
  local rep=$1 out=$logs/rep$1-stowage-svc jfr_opt=() joined t0 t1 ts ti busy0 steal0 busy1 steal1 busys steals
  local busyi steali rc=1 user=nan sys=nan rss=nan iuser=nan isys=nan irss=nan written=nan
  [ "$jfr" = 1 ] && jfr_opt=("-XX:StartFlightRecording=filename=$out.jfr,settings=profile")
  tool_cmd stowage-svc init
  joined=$(IFS=$'\t'; printf '%s' "${CMD[*]}")
  rm -rf "$work/svc-tmp"; mkdir -p "$work/svc-tmp"
  : >"$out-startup.log"; : >"$out-init.log"
  sync
  wait_quiet
  read -r busy0 steal0 < <(cpu_jiffies)
  t0=$(date +%s%N)
  local heap_env=()
  [ "$svc_mmap" = fixed ] && heap_env=(MALLOC_MMAP_THRESHOLD_=131072)
  coproc SVC { exec env "${heap_env[@]}" /usr/bin/time -v -o "$out-service.time" "$java_bin" "${java_opts[@]}" \
    "${jfr_opt[@]}" -Djava.io.tmpdir="$work/svc-tmp" -Dbench.clk_tck="$hz" -Dbench.svc.warmup="$svc_warmup" \
    -cp "$stowage_cp" org.stowage.bench.StowageBench serve 2>"$out-service.err"; }
  svc_in=${SVC[1]} svc_out=${SVC[0]} svc_pid=$SVC_PID
  printf '%s\nready\n' "$joined" >&"$svc_in"
  if svc_read_until @@serving "$out-startup.log"; then
    ts=$(date +%s%N); read -r busys steals < <(cpu_jiffies)
    printf '%s (ms from JVM start to reading commands)\n' "$svc_line" >>"$out-startup.log"
    if svc_read_until @@done "$out-init.log"; then
      ti=$(date +%s%N); read -r busyi steali < <(cpu_jiffies)
      read -r _ rc iuser isys irss <<<"$svc_line"
      record_command "$rep" stowage-svc init "$ts" "$ti" "$busys" "$steals" "$busyi" "$steali" "$iuser" "$isys" \
        "$irss" "$rc"
      if svc_read_until @@ready "$out-startup.log"; then
        read -r _ user sys rss written <<<"$svc_line"
        printf '%s (since JVM start: user s, sys s, peak RSS KiB, bytes written)\n' "$svc_line" >>"$out-startup.log"
      fi
    fi
  fi
  t1=$(date +%s%N)
  read -r busy1 steal1 < <(cpu_jiffies)
  sync
  [ "$rss" = nan ] && log "stowage-svc: the service did not get ready (see $out-startup.log, $out-service.err)"
  record_command "$rep" stowage-svc startup "$t0" "$t1" "$busy0" "$steal0" "$busy1" "$steal1" "$user" "$sys" "$rss" \
    "$([ "$rss" = nan ] && echo 1 || echo 0)"
  record "$rep" stowage-svc startup.written_bytes "$written"
  log "stowage-svc: service JVM $svc_pid ready; it keeps the repository open across phases"
}

# Reads the service's output into LOG until a line starting with PREFIX, which it leaves in svc_line; fails when the
# service closed its output first.
svc_read_until() {
  local prefix=$1 log_file=$2
  while IFS= read -r svc_line <&"$svc_out"; do
    [[ $svc_line == "$prefix"* ]] && return 0
    printf '%s\n' "$svc_line" >>"$log_file"
  done
  return 1
}

svc_stop() {
  [ -n "${svc_pid:-}" ] || return 0
  printf 'quit\n' >&"$svc_in"
  wait "$svc_pid" || log "stowage-svc: the service exited with $? (see $logs/*stowage-svc-service.err)"
  svc_pid=""
  rm -rf "$work/svc-tmp"
  record "$1" stowage-svc service.rss_kb \
    "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$logs/rep$1-stowage-svc-service.time" 2>/dev/null || echo nan)"
}

# Like measure, for stowage-svc: sends CMD's words (TAB-separated) to the service and reads its output until the
# "@@done EXIT USER_S SYS_S PEAK_RSS_KB" line. Wall time is taken here, around send and reply; CPU and peak RSS
# (reset before each command) come from the service itself.
measure_svc() {
  local rep=$1 tool=$2 phase=$3 out=$logs/rep$1-$2-$3 rc=1 user=nan sys=nan rss=nan t0 t1 busy0 steal0 busy1 steal1
  local joined
  joined=$(IFS=$'\t'; printf '%s' "${CMD[*]}")
  : >"$out.log"
  sync
  wait_quiet
  read -r busy0 steal0 < <(cpu_jiffies)
  t0=$(date +%s%N)
  printf '%s\n' "$joined" >&"$svc_in"
  if svc_read_until @@done "$out.log"; then
    read -r _ rc user sys rss <<<"$svc_line"
  else
    log "  stowage-svc: the service ended without answering (see $out.log)"
  fi
  t1=$(date +%s%N)
  read -r busy1 steal1 < <(cpu_jiffies)
  sync
  record_command "$rep" "$tool" "$phase" "$t0" "$t1" "$busy0" "$steal0" "$busy1" "$steal1" "$user" "$sys" "$rss" "$rc"
}

# ---- phases ----------------------------------------------------------------------------------------------------

reset_data() {
  log "fresh copy of the data set in $data"
  rm -rf "$data"
  cp -a "$pristine" "$data"
  sync
}

phase_init() {
  local rep=$1 tool
  for tool in "${order[@]}"; do
    rm -rf "${repos:?}/$tool" "${caches:?}/$tool"
    if [ "$tool" = stowage-svc ]; then
      svc_start "$rep"   # the service's start-up, with its init
    else
      tool_cmd "$tool" init
      measure "$rep" "$tool" init
    fi
    record "$rep" "$tool" repo.init_bytes "$(repo_bytes "$repos/$tool")"
  done
}

phase_backup() {   # phase_backup REP PHASE: a backup of the data tree named PHASE
  local rep=$1 phase=$2 tool
  log "phase $phase"
  for tool in "${order[@]}"; do
    warm "$data" "$repos/$tool" "$caches/$tool"
    tool_cmd "$tool" backup "$phase"
    measure "$rep" "$tool" "$phase"
    record "$rep" "$tool" "repo.${phase}_bytes" "$(repo_bytes "$repos/$tool")"
  done
}

# 20 patterns of the kinds operators write (names, suffixes, anchored, **, folders only, negation, classes), picked
# to match nothing in the bench data (its log must show the same file count as nochange), so every entry is tested
# against all of them and the backup stores the same.
exclude_patterns=('*.tmp' '*.swp' '*~' 'node_modules' '.git/' '__pycache__/' '*.pyc' '.cache/' '/proc/**'
  '/home/*/.cache/' '**/build/output' 'target/classes/*.class' '[Tt]humbs.db' '.DS_Store' '*.bak' '/tmp/**'
  'cache/**/blobs' '!keep.tmp' '*.o' 'core.[0-9]*')

# A second no-change re-backup by the Stowage tools with the 20 patterns (--excludes20).
phase_backup_excludes() {
  local rep=$1 tool
  log "phase nochange_excl (20 exclude patterns)"
  for tool in "${order[@]}"; do
    case $tool in stowage|stowage-svc) ;; *) continue ;; esac
    warm "$data" "$repos/$tool" "$caches/$tool"
    tool_cmd "$tool" backup nochange_excl
    measure "$rep" "$tool" nochange_excl
  done
}

# The 1 % change is applied once, to the one data tree that every tool then backs up.
apply_change() {
  local rep=$1 line
  log "applying the 1 % change (seed $seed)"
  while IFS= read -r line; do
    [ "$rep" = 1 ] && meta "${line%%=*}" "${line#*=}"
    log "  $line"
  done < <("$java_bin" "$bench/src/main/java/org/stowage/bench/Mutate.java" "$data" "$seed" 1)
  [ "$rep" = 1 ] && meta changed_data_bytes "$(tree_bytes "$data")"
  sync
}

# Every tool restores right after a tree of the data's shape was deleted from the target file system, the first
# tool of a phase too: without this it would restore onto a file system nothing was just deleted from and, on the
# fresh journaled ext4 of the first repetition, pay alone for the first writes into its block groups and into the
# loop image (measured: 3.2 s of kernel time against 0.7-0.8 s for the same restore later).
prime_restore_target() {
  local prime=$1/restore-prime
  rm -rf "$prime"
  cp -a "$data" "$prime"
  sync
  rm -rf "$prime"
}

# phase_restore REP PHASE DIR: every tool restores the latest snapshot (the one after the change) below DIR,
# the tree is checked against the data and deleted before the next tool restores.
phase_restore() {
  local rep=$1 phase=$2 dir=$3 tool target
  log "phase $phase (into $dir)"
  prime_restore_target "$dir"
  for tool in "${order[@]}"; do
    target=$dir/restore-$tool
    rm -rf "$target"
    mkdir -p "$target"
    warm "$repos/$tool" "$caches/$tool"
    tool_cmd "$tool" restore "$target"
    measure "$rep" "$tool" "$phase"
    if diff -r --no-dereference -q "$data" "$target$data" >"$logs/rep$rep-$tool-$phase.diff" 2>&1; then
      record "$rep" "$tool" "$phase.verified" 1
    else
      record "$rep" "$tool" "$phase.verified" 0
      log "  $tool: the restored tree differs from the data (see $logs/rep$rep-$tool-$phase.diff)"
    fi
    rm -rf "$target"
  done
}

phase_check() {
  local rep=$1 tool
  log "phase check --read-data"
  for tool in "${order[@]}"; do
    warm "$repos/$tool" "$caches/$tool"
    tool_cmd "$tool" check
    measure "$rep" "$tool" check
  done
}

run_repetition() {
  local rep=$1 shift_by i
  shift_by=$(( (rep - 1) % ${#tools[@]} ))
  order=()
  for i in "${!tools[@]}"; do order+=("${tools[$(( (i + shift_by) % ${#tools[@]} ))]}"); done
  log "repetition $rep of $reps, tool order: ${order[*]}"
  reset_data
  phase_init "$rep"
  phase_backup "$rep" full
  phase_backup "$rep" nochange
  [ "$excludes20" = 1 ] && phase_backup_excludes "$rep"
  apply_change "$rep"
  phase_backup "$rep" change1
  phase_restore "$rep" restore "$restore_fs"
  phase_restore "$rep" restore_workfs "$work"
  phase_check "$rep"
  svc_stop "$rep"
}

main() {
  for tool in "${tools[@]}"; do tool_cmd "$tool" init; done   # rejects unknown names early
  mkdir -p "$work"
  ensure_packages
  build_stowage
  if [ "$data_set" = generated ]; then generate_data; else prepare_data; fi
  init_run
  write_meta
  trap cleanup EXIT
  mount_restore_fs
  pause_page_reporting
  log "data set: $(tree_bytes "$pristine") bytes in $(tree_files "$pristine") files; tools: ${tools[*]}; CPUs: $(nproc)"
  local rep
  for rep in $(seq 1 "$reps"); do run_repetition "$rep"; done
  local stamp
  stamp=$(date +%Y%m%d-%H%M%S)
  [ "$data_set" = real ] || stamp+=-$data_set
  "$java_bin" "$bench/src/main/java/org/stowage/bench/Report.java" "$measurements" "$meta" \
    "$bench/results/$stamp.txt" "$bench/results/$stamp.json"
  log "results: bench/results/$stamp.txt and .json; logs of every command: $logs"
}

main
