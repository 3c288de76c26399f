#!/usr/bin/env bash
# Starting, driving and measuring an unpacked Karaf distribution with its own scripts (sourced, not run), for
# bench/footprint.sh and bench/warmup.sh. The caller sets bench, root, assembly and data (empty: the defaults),
# run_dir (where the last command's output goes) and dist_opts (extra JVM options, EXTRA_JAVA_OPTS), and defines log.

# The built distribution and the bench's 1 GiB data set, where the caller was given none.
default_inputs() {
  if [[ -z $assembly ]]; then
    assembly=$(ls "$root"/karaf-assembly/target/stowage-karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)
    [[ -n $assembly ]] || { echo "no assembly: run mvn -B install -DskipTests first, or give --assembly" >&2; exit 1; }
  fi
  if [[ -z $data ]]; then
    source "$bench/dataset.sh"
    default_data_set
  fi
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
# CPU seconds (user + system) the process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# Bytes the process has caused to be written to storage so far.
written_bytes() { awk '/^write_bytes:/ {print $2}' "/proc/$1/io"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN {printf "%.1f", e - s}'; }

# The JVM of a distribution started with bin/start: the java process whose command line names its folder.
karaf_pid() { pgrep -f -- "-Dkaraf.home=$1 " | head -1 || true; }

start_dist() { # folder; prints the JVM's pid
  (cd "$1" && EXTRA_JAVA_OPTS="$dist_opts" bin/start >/dev/null 2>&1)
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

# Runs a shell command in the distribution in batch mode, as an operator's script does, through a small client JVM
# that only relays it.
client() { # folder command
  (cd "$1" && echo "$2" | JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m" bin/client -b)
}

# Waits until the distribution's shell runs a command: by default a Stowage one (then the repository is open).
wait_ready() { # folder [command]
  local command=${2:-stowage:snapshots} i
  for i in $(seq 1 240); do client "$1" "$command" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "The shell of $1 did not run $command; see $1/data/log/karaf.log" >&2
  exit 1
}

# Gives a stock Karaf, which ships no enabled user, the login that bin/client takes by itself (the first user of
# etc/users.properties), with a random password: the README's recipe for installing Stowage into an existing Karaf.
enable_login() { # folder
  printf 'karaf = %s,_g_:admingroup\n' "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')" >>"$1/etc/users.properties"
  sed -i -e 's/^#_g_/_g_/' "$1/etc/users.properties"
}

# Waits until the start-up rehearsal has ended (done or failed); returns at once when the distribution is not set to
# rehearse (warmup = crypto, the default, compiles at the repository's opening, within wait_ready's first command, and
# logs nothing at INFO) or is not Stowage's.
wait_rehearsed() { # folder
  local mode i
  [[ -f $1/etc/org.stowage.repository.cfg ]] || return 0
  mode=$(sed -n 's/^[[:space:]]*warmup[[:space:]]*=[[:space:]]*//p' "$1/etc/org.stowage.repository.cfg" | tail -1)
  [[ $mode == rehearsal || $mode == true ]] || return 0
  for i in $(seq 1 480); do
    grep -qE "start-up rehearsal (done|of backup)" "$1/data/log/karaf.log" && return 0
    sleep 0.5
  done
}

# Runs "$@" while sampling the JVM's RSS; prints the peak in KiB. A failed command ends the bench.
peak_while() { # pid command...
  local pid=$1; shift
  local peak=0 rss
  "$@" >"$run_dir/last-command.log" 2>&1 &
  local cmd=$!
  while kill -0 "$cmd" 2>/dev/null; do
    rss=$(rss_kib "$pid"); (( rss > peak )) && peak=$rss
    sleep 0.2
  done
  if ! wait "$cmd"; then
    echo "command failed: $* (output: $run_dir/last-command.log)" >&2
    cat "$run_dir/last-command.log" >&2
    exit 1
  fi
  echo "$peak"
}
