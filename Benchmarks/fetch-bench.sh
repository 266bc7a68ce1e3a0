#!/usr/bin/env bash
# The fetching benchmark of `make bench`: N feeds served by nginx on loopback, a first cycle of 200s,
# then a cycle of 304s (nginx answers If-Modified-Since / If-None-Match from the files' validators).
# Reports feeds/s per cycle, connections opened (from nginx's connection serials) and the daemon's
# peak resident memory (GNU time). Usage: Benchmarks/fetch-bench.sh BINARY [FEEDS]
set -euo pipefail
bin=$(realpath "$1")
feeds=${2:-1000}
if ! command -v nginx >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    echo "fetch bench: needs nginx (apt-get install nginx)" >&2; exit 1
  fi
fi
work=$(mktemp -d /tmp/qw-fetch-bench.XXXXXX)
trap '[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/www" "$work/logs"
example=$(dirname "$0")/../Examples/feeds/nato-ministers.xml
python3 - "$work" "$feeds" "$example" <<'PY'
import json, sys
work, count, example = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read()
for i in range(count):
    open(f"{work}/www/feed{i}.xml", "w", encoding="utf-8").write(example.replace("example-wire-2025-02-12-hegseth-brussels", f"bench-{i}"))
config = json.load(open(sys.argv[3].replace("Examples/feeds/nato-ministers.xml", "feeds.json"), encoding="utf-8"))
port = 18000 + (hash(work) % 1000)
config["feeds"] = [{"id": f"f{i}", "url": f"http://127.0.0.1:{port}/feed{i}.xml"} for i in range(count)]
config["database"] = f"{work}/bench.sqlite"
json.dump(config, open(f"{work}/feeds.json", "w"))
open(f"{work}/port", "w").write(str(port))
PY
port=$(cat "$work/port")
cat > "$work/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http {
  log_format bench '\$connection \$status';
  access_log $work/logs/access.log bench;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3
cycle() {
  : > "$work/logs/access.log"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$bin" run --once --config "$work/feeds.json" --log-level warning 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s.%N)
  kill -USR1 "$(cat "$work/nginx.pid")"; sleep 0.2   # reopen logs: flush
  python3 - "$1" "$start" "$end" "$feeds" "$work" <<'PY'
import sys, collections
label, start, end, feeds, work = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
lines = [l.split() for l in open(f"{work}/logs/access.log") if l.strip()]
statuses = collections.Counter(s for _, s in lines)
connections = len({c for c, _ in lines})
rss = int(open(f"{work}/rss").read().split()[-1]) / 1024
t = end - start
print(f"| {label} | {feeds} feeds in {t:.2f} s = {feeds / t:.0f} feeds/s | {connections} connections | {rss:.1f} MB peak RSS | {dict(statuses)} |")
PY
}
echo "| cycle | throughput (whole run --once, start-up included) | connections opened | memory | statuses |"
echo "|---|---|---|---|---|"
cycle "first (200)"
cycle "second (304)"
