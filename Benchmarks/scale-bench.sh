#!/usr/bin/env bash
# The scale benchmark of `make bench` (issue 18, DESIGN §7): N feeds served by nginx on loopback,
# refreshed by INSTANCES `run --once` processes sharing one PostgreSQL server (a cluster of its own in
# a temporary folder, Debian's binaries), beside one instance on SQLite in the same run. Cycles: the
# first (200s), the next once the feeds are due again (304s), and a first cycle on a fresh database
# with one instance SIGKILLed a second in. Each row: wall time, feeds/s, fetches per feed (nginx's
# access log), events, and whether the events are complete and single.
# Usage: Benchmarks/scale-bench.sh BINARY [FEEDS] [INSTANCES]
set -euo pipefail
bin=$(realpath "$1")
feeds=${2:-3000}
instances=${3:-3}
for need in nginx:nginx; do
  command -v "${need%%:*}" >/dev/null || {
    if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need##*:}" >/dev/null
    else echo "scale bench: needs ${need##*:} (apt-get install ${need##*:})" >&2; exit 1; fi
  }
done
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ]; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else echo "scale bench: needs postgresql (apt-get install postgresql)" >&2; exit 1; fi
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
work=$(mktemp -d /tmp/qw-scale-bench.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -d "$work/pg/data" ] && as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
mkdir -p "$work/www" "$work/logs" "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$pgbin/initdb" -D "$work/pg/data" --auth=trust --username=postgres --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start </dev/null >/dev/null 2>&1
example=$(dirname "$0")/../Examples/feeds/nato-ministers.xml
python3 - "$work" "$feeds" "$example" "$pgport" <<'PY'
import json, sys
work, count, example, pgport = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read(), sys.argv[4]
for i in range(count):
    open(f"{work}/www/feed{i}.xml", "w", encoding="utf-8").write(example.replace("example-wire-2025-02-12-hegseth-brussels", f"bench-{i}"))
config = json.load(open(sys.argv[3].replace("Examples/feeds/nato-ministers.xml", "feeds.json"), encoding="utf-8"))
config.pop("http", None)
port = 19000 + (hash(work) % 1000)
config["feeds"] = [{"id": f"f{i}", "url": f"http://127.0.0.1:{port}/feed{i}.xml"} for i in range(count)]
for name, database in [("sqlite", f"{work}/sqlite/bench.sqlite"), ("shared", f"postgresql://postgres@127.0.0.1:{pgport}/qw_shared"),
                       ("killed", f"postgresql://postgres@127.0.0.1:{pgport}/qw_killed")]:
    config["database"] = database
    # The killed cycle outlasts a lease's expiry (15 s): an interval longer than that, so that no feed falls due again.
    config["refreshInterval"] = "1h" if name == "killed" else "10s"
    json.dump(config, open(f"{work}/{name}.json", "w"))
open(f"{work}/port", "w").write(str(port))
PY
for db in qw_shared qw_killed; do as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres "$db"; done
mkdir -p "$work/sqlite"
port=$(cat "$work/port")
cat > "$work/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http {
  log_format bench '\$request_uri \$status';
  access_log $work/logs/access.log bench;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3

# cycle LABEL CONFIG COUNT [KILL_AFTER_SECONDS]: COUNT instances at once; one SIGKILLed after KILL_AFTER.
cycle() {
  local label=$1 config=$2 count=$3 kill_after=${4:-}
  : > "$work/logs/access.log"
  rm -f "$work"/stderr.*
  local start end pids=()
  start=$(date +%s.%N)
  for i in $(seq 1 "$count"); do
    "$bin" run --once --config "$config" --log-level notice 2> "$work/stderr.$i" &
    pids+=($!)
  done
  if [ -n "$kill_after" ]; then sleep "$kill_after"; kill -KILL "${pids[0]}" 2>/dev/null || true; fi
  local failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
  end=$(date +%s.%N)
  kill -USR1 "$(cat "$work/nginx.pid")"; sleep 0.3
  "$bin" events --json --config "$config" > "$work/events.jsonl"
  python3 - "$label" "$start" "$end" "$feeds" "$work" "$count" "$failed" "$kill_after" <<'PY'
import sys, json, collections, glob
label, start, end, feeds, work, count, failed, killed = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
lines = [l.split() for l in open(f"{work}/logs/access.log") if l.strip()]
statuses = collections.Counter(s for _, s in lines)
per_feed = collections.Counter(u for u, _ in lines)
events = [json.loads(l) for l in open(f"{work}/events.jsonl") if l.strip()]
new = [(e.get("statement"), e.get("feed"), e.get("item")) for e in events if e["type"] == "quote.new"]
single = len(new) == len(set(new))
complete = len({f for _, f, _ in new}) == feeds
logged = sum(open(p).read().count("quote.new ") for p in glob.glob(f"{work}/stderr.*"))
t = end - start
note = f"{count} instance{'s' if count > 1 else ''}" + (", one SIGKILLed" if killed else "") + (f", {failed} exited non-zero" if failed and not killed else "")
print(f"| {label} | {note} | {t:.2f} s = {feeds / t:.0f} feeds/s | {len(lines) / feeds:.2f} fetches per feed (max {max(per_feed.values()) if per_feed else 0}) "
      f"| {dict(statuses)} | {len(events)} events, quote.new {'complete' if complete else 'INCOMPLETE'} and {'single' if single else 'DUPLICATED'}, {logged} logged |")
PY
}
echo "| cycle | instances | wall time (whole processes) | fetches | statuses | events |"
echo "|---|---|---|---|---|---|"
cycle "SQLite, first (200)" "$work/sqlite.json" 1
cycle "shared, first (200)" "$work/shared.json" "$instances"
sleep 14   # the feeds fall due again (refreshInterval 10 s, with its jitter)
cycle "SQLite, due again (304)" "$work/sqlite.json" 1
cycle "shared, due again (304)" "$work/shared.json" "$instances"
cycle "shared, first, one killed at 1 s" "$work/killed.json" 2 1
