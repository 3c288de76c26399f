#!/usr/bin/env bash
# The main job, end to end on the embedded default (a local disk device, no external server):
# build Stowage, boot its Karaf assembly, back up a directory, list the snapshot, restore it,
# verify the restore is identical (content, modes, mtimes, symlinks) and check the repository.
#
#   ./demo.sh [SOURCE_DIR]      default: this project's bundles/ directory
#
# Set SKIP_BUILD=1 to reuse an existing build. Karaf runs from target/demo/karaf and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
source_dir=$(readlink -f "${1:-$root/bundles}")
work=$root/target/demo
karaf=$work/karaf
restore_dir=$work/restore

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || fail "java is not installed (Java 17 is needed)"
command -v mvn >/dev/null || fail "mvn is not installed (Maven 3.8+ is needed)"
[ -d "$source_dir" ] || fail "source directory $source_dir does not exist"
# Karaf's scripts want JAVA_HOME; derive it from the java on the PATH when it is not set
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "Building Stowage (mvn -B install -DskipTests)"
  mvn -B -q install -DskipTests
fi
assembly=$(ls "$root"/karaf-assembly/target/stowage-karaf-assembly-*.tar.gz 2>/dev/null | head -n 1)
[ -n "$assembly" ] || fail "no assembly under karaf-assembly/target: run without SKIP_BUILD=1"

step "Unpacking a fresh Karaf with Stowage into $karaf"
rm -rf "$work" && mkdir -p "$karaf" "$restore_dir"
tar -xzf "$assembly" -C "$karaf" --strip-components=1

client() { # run one shell command in the running Karaf, print its output
  # no -u/-p: bin/client logs in with the password generated into etc/users.properties at first start
  printf '%s\n' "$1" | timeout 600 "$karaf/bin/client" -b 2>&1
}
stop_karaf() { "$karaf/bin/stop" >/dev/null 2>&1 || true; }
trap stop_karaf EXIT

step "Starting Karaf"
"$karaf/bin/start"
for _ in $(seq 1 90); do
  if client 'stowage:devices' 2>/dev/null | grep -q 'local'; then ready=1; break; fi
  sleep 2
done
[ "${ready:-0}" = 1 ] || fail "Stowage did not come up within 3 minutes; see $karaf/data/log/karaf.log"
client 'stowage:devices'

step "Backing up $source_dir"
out=$(client "stowage:backup $source_dir") ; printf '%s\n' "$out"
printf '%s' "$out" | grep -q '^Snapshot .* saved$' || fail "the backup did not save a complete snapshot"

step "Snapshots"
client 'stowage:snapshots'

step "Restoring the latest snapshot into $restore_dir"
out=$(client "stowage:restore latest $restore_dir") ; printf '%s\n' "$out"
printf '%s' "$out" | grep -q 'Not restored' && fail "the restore left files out"

step "Verifying the restore"
restored=$restore_dir$source_dir
[ -d "$restored" ] || fail "nothing restored at $restored"
diff -r --no-dereference "$source_dir" "$restored" || fail "restored content differs"
# a directory's size is what its entries once took on that file system (ext4 never shrinks one), not content
listing() {
  (cd "$1" && find . \( -type d -printf '%y %m %TY-%Tm-%Td_%TT - %p\n' \) \
    -o -printf '%y %m %TY-%Tm-%Td_%TT %s %l %p\n' | sort)
}
diff <(listing "$source_dir") <(listing "$restored") || fail "restored metadata differs"
echo "restore is identical: $(find "$restored" -type f | wc -l) files, $(du -sh "$restored" | cut -f1)"

step "Checking the repository (read all data)"
out=$(client 'stowage:check --read-data') ; printf '%s\n' "$out"
printf '%s' "$out" | grep -q 'No errors found' || fail "check found problems"

step "Done"
echo "repository: $karaf/data/stowage/devices/local (password file: $karaf/etc/stowage/repository.password)"
echo "shell login: user karaf, generated password in $karaf/etc/users.properties (used by bin/client)"
