#!/usr/bin/env bash
# Where a Stowage command spent its time: the top methods of a JFR recording made with bench/run.sh --jfr.
#
#   bench/jfr-top.sh bench/work/logs/rep1-stowage-full.jfr [N] [THREAD_REGEX]
#
# THREAD_REGEX keeps only samples of matching threads, e.g. 'archiver|upload' for the backup of an in-service
# recording (one file for all phases) or 'restore|main' for its restore.
#
# Counts execution samples (threads running Java code) and native-method samples (threads inside JNI, e.g. zstd,
# or blocked in a native call) by their top frame, and by the first org.stowage frame on the stack, so that time in
# the JDK or a library is charged to the engine code that called it.
set -euo pipefail
file=${1:?usage: jfr-top.sh FILE.jfr [N]}
top=${2:-15}
threads=${3:-.}
jfr print --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$file" | awk -v top="$top" -v threads="$threads" '
  /^jdk\.(ExecutionSample|NativeMethodSample)/ { kind = ($1 ~ /Native/) ? "native" : "java"; inStack = 0; first = ""; own = ""; thread = ""; next }
  /sampledThread = / { thread = $0; next }
  /stackTrace = \[/ { inStack = 1; next }
  inStack && /^[[:space:]]*\]/ {
    inStack = 0
    if (thread !~ threads) next
    n[kind]++; self[kind " " first]++; if (own != "") mine[kind " " own]++; next
  }
  inStack {
    f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f)
    if (first == "") first = f
    if (own == "" && f ~ /^org\.stowage\./) own = f
  }
  END {
    printf "samples: %d in Java code, %d in native methods\n", n["java"], n["native"]
    printf "\nby top frame:\n"; for (k in self) printf "%7d  %s\n", self[k], k | "sort -rn | head -n " top; close("sort -rn | head -n " top)
    printf "\nby first org.stowage frame:\n"; for (k in mine) printf "%7d  %s\n", mine[k], k | "sort -rn | head -n " top
  }'
