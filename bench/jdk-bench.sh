# The common start of the in-JVM benches on the JDK data set (component.sh, placement.sh, replicas.sh); sourced, not
# run. jdk_bench_setup NAME HELP_END "$@" parses --data DIR, --reps N, --work DIR, --skip-build (and -h, which prints
# lines 2..HELP_END of the calling script), builds unless --skip-build, makes the JDK data set unless --data, and sets
# work (default bench/work/NAME, created), data, reps (default 3) and result (bench/results/NAME-<timestamp>.txt).
# The caller sets bench.
jdk_bench_setup() {
  local name=$1 help_end=$2 build=1 m2_repo=${BENCH_M2_REPO:-$HOME/.m2/bench-repo}
  shift 2
  work=$bench/work/$name
  data=
  reps=3
  while [[ $# -gt 0 ]]; do
    case $1 in
      --data) data=$2; shift 2 ;;
      --reps) reps=$2; shift 2 ;;
      --work) work=$2; shift 2 ;;
      --skip-build) build=0; shift ;;
      -h|--help) sed -n "2,${help_end}p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  if [[ $build == 1 ]]; then
    BENCH_M2_REPO="$m2_repo" "$bench/build.sh"
  fi
  mkdir -p "$work" "$bench/results"
  if [[ -z $data ]]; then
    source "$bench/dataset.sh"
    data=$work/data
    jdk_data_set "$data"
  fi
  result=$bench/results/$name-$(date -u +%Y%m%d-%H%M%S).txt
}
