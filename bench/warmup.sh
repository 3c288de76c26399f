#!/usr/bin/env bash
# Issue 19's warm-up decision: what each start-up warm-up (warmup in org.stowage.repository.cfg) costs a host at
# every start, and what the first jobs after a start gain from it. The Stowage distribution is started fresh with
# its own scripts in four modes, in rotating order, --reps times each:
#   off               warmup = off; the first backup as soon as the shell answers;
#   crypto            warmup = crypto (the default): the encryption path only; the first backup as soon as the shell
#                     answers;
#   rehearsal         warmup = rehearsal; the first backup after the rehearsal has finished (a host that started a
#                     while ago);
#   rehearsal-at-once warmup = rehearsal; the first backup as soon as the shell answers (a job that fires at start,
#                     beside the rehearsal).
# Per start: seconds to a shell that answers, the JVM's CPU seconds and bytes written to storage by then and, for
# rehearsal, when it has finished; then a full backup of the data set, a restore of it and a no-change re-backup,
# each through bin/client, with its seconds and the JVM's CPU seconds.
#
#   bench/warmup.sh [--data DIR] [--assembly TAR.GZ] [--reps 2]
#
# --data: default bench/work/pristine, the data set of bench/run.sh (made once by bench/dataset.sh).
# --assembly: default karaf-assembly/target/stowage-karaf-assembly-*.tar.gz (mvn install first; this script builds
#   nothing). Output: bench/results/warmup-<timestamp>.txt.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
data=
assembly=
reps=2
while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --assembly) assembly=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
source "$bench/dist.sh"
default_inputs
run_dir=$bench/work/warmup
dist_opts=
rm -rf "$run_dir"
mkdir -p "$run_dir" "$bench/results"
result=$bench/results/warmup-$(date +%Y%m%d-%H%M%S).txt

# One start of a fresh distribution in a mode; prints one line of figures.
run_mode() { # mode
  local mode=$1 dist=$run_dir/dist
  rm -rf "$dist" && mkdir -p "$dist" && tar -xzf "$assembly" -C "$dist" --strip-components=1
  echo "warmup = ${mode%-at-once}" >>"$dist/etc/org.stowage.repository.cfg"
  local t0 pid ready cpu_ready disk_ready rehearsed="-" cpu_rehearsed="-" disk_rehearsed="-"
  t0=$(now)
  pid=$(start_dist "$dist")
  wait_ready "$dist"
  ready=$(since "$t0"); cpu_ready=$(cpu_seconds "$pid"); disk_ready=$(mib $(($(written_bytes "$pid") / 1024)))
  if [[ $mode == rehearsal ]]; then
    wait_rehearsed "$dist"
    rehearsed=$(since "$t0"); cpu_rehearsed=$(cpu_seconds "$pid")
    disk_rehearsed=$(mib $(($(written_bytes "$pid") / 1024)))
  fi
  local line="$mode: ready ${ready} s (${cpu_ready} CPU-s, ${disk_ready} MiB written)"
  [[ $mode == rehearsal ]] && line+=", rehearsed ${rehearsed} s (${cpu_rehearsed} CPU-s, ${disk_rehearsed} MiB written)"
  local op start cpu0
  for op in backup restore rebackup; do
    start=$(now); cpu0=$(cpu_seconds "$pid")
    case $op in
      backup|rebackup) client "$dist" "stowage:backup $data" >"$run_dir/last-command.log" 2>&1 ;;
      restore) client "$dist" "stowage:restore latest $run_dir/restore" >"$run_dir/last-command.log" 2>&1 ;;
    esac || { echo "$op failed in mode $mode:" >&2; cat "$run_dir/last-command.log" >&2; exit 1; }
    line+="; $op $(since "$start") s ($(awk -v a="$cpu0" -v b="$(cpu_seconds "$pid")" 'BEGIN {printf "%.1f", b - a}') CPU-s)"
  done
  [[ $mode == rehearsal-at-once ]] && wait_rehearsed "$dist" # it ends before the JVM stops, as in the others
  stop_dist "$dist" "$pid"
  rm -rf "$dist" "$run_dir/restore"
  echo "$line"
}

{
  echo "# bench/warmup.sh, $(date -Is), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# build: $(git -C "$root" log -1 --format='%h %s' 2>/dev/null || echo '?')"
  echo "# data: $data, $(du -sm "$data" | cut -f1) MiB in $(find "$data" -type f | wc -l) files"
  for rep in $(seq 1 "$reps"); do
    all=(off crypto rehearsal rehearsal-at-once)
    shift_by=$(( (rep - 1) % 4 ))
    modes=("${all[@]:shift_by}" "${all[@]:0:shift_by}")
    for mode in "${modes[@]}"; do
      log "repetition $rep, $mode"
      echo "rep $rep $(run_mode "$mode")"
    done
  done
} 2>&1 | tee "$result"
rm -rf "$run_dir"
echo "result: $result"
