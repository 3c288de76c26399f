#!/usr/bin/env bash
# The benches' data sets (sourced, not run).
#
# prepare_data: the ~1 GiB real-file set of bench/run.sh, bench/staging.sh and bench/footprint.sh: real files from
# the colon-separated BENCH_SOURCES (default: the JDK 17, the Temurin 25 JDK, ~/.m2/repository,
# /usr/lib/x86_64-linux-gnu, /usr/share), taken source after source in sorted path order until size_mib MiB, into
# $pristine, which is reused while its stamp (size and sources) matches and fresh_data is 0. The caller sets: work,
# pristine, size_mib, sources (array, e.g. from BENCH_SOURCES or default_sources), fresh_data, MiB, and a function
# log; default_data_set does that with the defaults.
#
# generate_data: the generated set of bench/run.sh --data generated (source trees, mail folders, database dumps; see
# GenerateData.java): size_mib MiB written from the seed data_seed into $pristine, reused while its stamp (size, seed
# and the generator's SHA-256) matches and fresh_data is 0. The caller sets work, pristine, size_mib, data_seed,
# fresh_data, bench and a function log; java_bin if not java. generated_description names it for the report.
#
# jdk_data_set: the smaller set of the in-JVM scenario benches (component, placement, replicas).

# Real files, in this order, taken whole until the size is reached (the last source is trimmed).
default_sources="/usr/lib/jvm/java-17-openjdk-amd64:/usr/lib/jvm/temurin-25-jdk-amd64:$HOME/.m2/repository"
default_sources+=":/usr/lib/x86_64-linux-gnu:/usr/share"

# Copies real files, source after source in sorted path order, until size_mib is reached.
prepare_data() {
  local want="size_mib=$size_mib sources=${sources[*]}" stamp=$work/pristine.stamp
  if [ "$fresh_data" = 0 ] && [ -d "$pristine" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "reusing the data set in $pristine"
    return
  fi
  log "preparing the data set in $pristine ($size_mib MiB of real files)"
  rm -rf "$pristine" "$stamp"
  mkdir -p "$pristine"
  local budget=$((size_mib * MiB)) taken=0 src name list got
  for src in "${sources[@]}"; do
    [ "$taken" -lt "$budget" ] || break
    if [ ! -d "$src" ]; then log "  source $src does not exist, skipped"; continue; fi
    name=$(printf '%s' "${src#/}" | tr '/' '_')
    list=$work/filelist.$name
    # -L follows symbolic links into the real files (the JDK links docs and cacerts elsewhere)
    got=$( (cd "$src" && find -L . -type f -printf '%s\t%p\n' 2>>"$work/find-errors.log" || true) \
      | LC_ALL=C sort -t $'\t' -k2 \
      | awk -F'\t' -v left=$((budget - taken)) -v out="$list" '
          taken < left { taken += $1; print substr($0, index($0, "\t") + 1) > out }
          END { printf "%d", taken }')
    [ "$got" -gt 0 ] || continue
    mkdir -p "$pristine/$name"
    tar -C "$src" --dereference --verbatim-files-from -T "$list" -cf - | tar -C "$pristine/$name" -xf -
    taken=$((taken + got))
    log "  $src: $(wc -l <"$list") files, $got bytes"
  done
  [ "$taken" -ge $((budget * 9 / 10)) ] || log "WARNING: only $taken bytes of real files found (wanted $budget)"
  printf '%s' "$want" >"$stamp"
}

# Writes the generated set (a new tree each time the stamp differs: the generator writes no file twice).
generate_data() {
  local generator=$bench/src/main/java/org/stowage/bench/GenerateData.java stamp=$pristine.stamp want
  want="size_mib=$size_mib seed=$data_seed generator=$(sha256sum "$generator" | cut -c1-16)"
  if [ "$fresh_data" = 0 ] && [ -d "$pristine" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "reusing the generated data set in $pristine"
    return
  fi
  log "generating the data set in $pristine ($size_mib MiB, seed $data_seed)"
  rm -rf "$pristine" "$stamp" "$pristine.tmp"
  "${java_bin:-java}" "$generator" "$pristine.tmp" "$size_mib" "$data_seed" >"$pristine.figures"
  mv "$pristine.tmp" "$pristine"
  printf '%s' "$want" >"$stamp"
}

# One line on the generated set for the report, from the generator's figures.
generated_description() {
  awk -F= -v MiB=1048576 '{f[$1] = $2} END {printf "GenerateData.java, seed %s: source trees %.1f MiB, mail folders " \
    "%.1f MiB, two database dumps %.1f MiB", f["generated_seed"], f["generated_src_bytes"] / MiB,
    f["generated_mail_bytes"] / MiB, f["generated_db_bytes"] / MiB}' "$pristine.figures"
}

# The data set of bench/run.sh with its defaults (1024 MiB in bench/work/pristine, BENCH_SOURCES or the default
# sources), for the scenario benches that take it unless given another folder: prepares it when needed and sets
# data to it. The caller sets bench and a function log.
default_data_set() {
  work=$bench/work
  pristine=$work/pristine
  size_mib=1024
  fresh_data=0
  MiB=1048576
  IFS=: read -r -a sources <<<"${BENCH_SOURCES:-$default_sources}"
  mkdir -p "$work"
  prepare_data
  data=$pristine
}

# The smaller data set of the in-JVM scenario benches (component, placement, replicas): the real files of the JDKs in
# /usr/lib/jvm (links followed), copied once into folder $1 and reused. Prints nothing; the caller names it.
jdk_data_set() {
  local target=$1 jdk
  [[ -d $target ]] && return 0
  mkdir -p "$target.tmp"
  for jdk in /usr/lib/jvm/*/; do
    [[ -L ${jdk%/} ]] && continue   # aliases of another JDK folder
    # -L follows links; links that lead nowhere are skipped (cp reports them), the rest is copied
    cp -rL "$jdk" "$target.tmp/" 2>/dev/null || true
  done
  mv "$target.tmp" "$target"
}
