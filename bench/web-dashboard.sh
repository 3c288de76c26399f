#!/usr/bin/env bash
# The web dashboard's first load against a repository of many snapshots (issue 16: <= 300 KiB, interactive <= 1 s
# with 1,000 snapshots). Unpacks the built distribution below bench/work/, starts it with its own scripts on free
# ports, makes N snapshots through the REST API (a one-file folder that changes each time), then fetches what the
# dashboard loads (page, script, style, uPlot, and its five API calls) and prints bytes and times of each.
#   usage: bench/web-dashboard.sh [snapshots, default 1000]     (after mvn -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
assembly=$(ls karaf-assembly/target/stowage-karaf-assembly-*.tar.gz)
mkdir -p bench/work
work=$(mktemp -d "$PWD/bench/work/web-dashboard.XXXX")
tar -xzf "$assembly" -C "$work" --strip-components=1
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http=$(port)
sed -i "s/^sshPort *=.*/sshPort = $(port)/" "$work/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(port)/; s/^rmiServerPort *=.*/rmiServerPort = $(port)/" \
    "$work/etc/org.apache.karaf.management.cfg"
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $http/" "$work/etc/org.ops4j.pax.web.cfg"
echo "warmup = false" >> "$work/etc/org.stowage.repository.cfg"
"$work/bin/start"
trap '"$work/bin/stop" || true' EXIT
password=$(sed -n 's/^karaf *= *\([^,]*\),.*/\1/p' "$work/etc/users.properties")
api="http://127.0.0.1:$http/stowage/api"
call() { curl -sf -u "karaf:$password" -H 'X-Stowage-CSRF: 1' "$@"; }
until call "$api/repository" 2>/dev/null | grep -q '"READY"'; do sleep 1; done

mkdir -p "$work/source"
started=$(date +%s)
for i in $(seq 1 "$n"); do
    echo "version $i" > "$work/source/file.txt"
    task=$(call -X POST -H 'Content-Type: application/json' -d "{\"paths\": [\"$work/source\"]}" "$api/backups" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    until call "$api/tasks/$task" | grep -q '"finished":"'; do sleep 0.05; done
done
echo "$n snapshots in $(( $(date +%s) - started )) s; the repository reports $(call "$api/repository" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshots"])') snapshots"

total=0
for path in / /app.js /style.css /webjars/uplot/1.6.30/dist/uPlot.iife.min.js /webjars/uplot/1.6.30/dist/uPlot.min.css \
        api/repository api/tasks?limit=20 api/devices api/repository/history api/devices/local/history; do
    case "$path" in api/*) url="$api/${path#api/}";; *) url="http://127.0.0.1:$http/stowage$path";; esac
    read -r bytes seconds < <(curl -s -o /dev/null -u "karaf:$password" -w '%{size_download} %{time_total}\n' "$url")
    printf '%-48s %8d bytes %6.3f s\n' "$path" "$bytes" "$seconds"
    total=$((total + bytes))
done
echo "dashboard first load: $total bytes ($(( total / 1024 )) KiB; budget 300 KiB)"
