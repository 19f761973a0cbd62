#!/usr/bin/env bash
# `threadwatch serve` under load (issue 28), with wrk on the same machine:
#  1. throughput and latency: POST comments:analyze of a ~300-character
#     comment, WRK_CONNS connections for SECONDS;
#  2. memory: the server's RSS after each of ROUNDS such runs (flat within
#     10% is the goal; ROUNDS x req/s x SECONDS requests in all);
#  3. overload: a key limited to RATE requests per second driven as hard as
#     wrk can (429s), and --max-inflight 4 under 256 connections (503s),
#     each answered quickly instead of timing out;
#  4. IDLE (5000) idle connections held open: RSS and a request's latency.
# Timings live here, never in tests.  Say the machine's load beside them.
#
# Usage: benches/serve.sh                  (make bench-serve)
# Env:   SECONDS_EACH (10), ROUNDS (3), WRK_CONNS (32), WRK_THREADS (1),
#        JOBS (server workers, 2), RATE (2000), IDLE (5000),
#        BENCH_DIR (target/bench-serve), THREADWATCH (a prebuilt binary).
set -euo pipefail
cd "$(dirname "$0")/.."
. benches/common.sh bench-serve
secs=${SECONDS_EACH:-10}
rounds=${ROUNDS:-3}
conns=${WRK_CONNS:-32}
wthreads=${WRK_THREADS:-1}
jobs=${JOBS:-2}
rate=${RATE:-2000}
idle=${IDLE:-5000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start() { # log-name args... -> sets $url and $pid
  "$tw" serve --listen 127.0.0.1:0 -j "$jobs" "${@:2}" 2>"$dir/$1.log" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do
    url=$(sed -n 's|.*listening on \(http://[^/]*\)/.*|\1|p' "$dir/$1.log")
    [ -n "$url" ] && return
    sleep 0.1
  done
  echo "server did not start:" >&2; cat "$dir/$1.log" >&2; exit 1
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# A made-up comment of about 300 characters, one insult in it.
cat > "$dir/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"comment":{"text":"I read the whole article twice and I still think the council got the numbers wrong on the bus lanes. The consultants said traffic would fall by a third, and it did not. Anyone who believes that report is an idiot, frankly. We should ask for the raw counts before the next vote in March, and publish them."},"doNotStore":true,"requestedAttributes":{"TOXICITY":{}},"languages":["en"]}'
LUA
key=bench-key-$$
printf '%s' "$key" | "$tw" serve --hash-key > "$dir/keys.txt"

echo "== 1-2. throughput, latency and memory: $rounds x ${secs}s, $conns connections, server -j $jobs"
start main --rate 1e9 --max-inflight 4096 --keys "$dir/keys.txt"
wrk -t1 -c4 -d2s -s "$dir/post.lua" "$url/v1alpha1/comments:analyze?key=$key" >/dev/null
echo "RSS after warm-up: $(rss "$pid") kB"
for r in $(seq "$rounds"); do
  wrk -t"$wthreads" -c"$conns" -d"${secs}s" --latency -s "$dir/post.lua" \
    "$url/v1alpha1/comments:analyze?key=$key" > "$dir/wrk-$r.txt"
  reqs=$(awk '/requests in/ {print $1}' "$dir/wrk-$r.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$dir/wrk-$r.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$dir/wrk-$r.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$dir/wrk-$r.txt")
  errs=$(awk '/Non-2xx|Socket errors/' "$dir/wrk-$r.txt" | tr '\n' ' ')
  echo "round $r: $reqs requests, $rps req/s, p50 $p50, p99 $p99, RSS $(rss "$pid") kB ${errs}"
done
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "== 3a. a key limited to $rate req/s, driven as hard as wrk can"
start rate --rate "$rate" --keys "$dir/keys.txt"
wrk -t"$wthreads" -c"$conns" -d"${secs}s" --latency -s "$dir/post.lua" \
  "$url/v1alpha1/comments:analyze?key=$key" > "$dir/wrk-rate.txt"
awk '/requests in|Requests\/sec|Non-2xx|Socket errors|^ +(50|99)%/' "$dir/wrk-rate.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "== 3b. --max-inflight 4 under 256 connections"
start inflight --rate 1e9 --max-inflight 4 --keys "$dir/keys.txt"
wrk -t"$wthreads" -c256 -d"${secs}s" --latency -s "$dir/post.lua" \
  "$url/v1alpha1/comments:analyze?key=$key" > "$dir/wrk-inflight.txt"
awk '/requests in|Requests\/sec|Non-2xx|Socket errors|^ +(50|99)%/' "$dir/wrk-inflight.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "== 4. $idle idle connections"
start idle --rate 1e9 --max-connections $((idle + 100)) --header-timeout 60
before=$(rss "$pid")
python3 - "$url" "$idle" "$pid" <<'PY'
import socket, sys, time, urllib.request
url, n, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
host, port = url[len("http://"):].split(":")
socks = []
for _ in range(n):
    s = socket.create_connection((host, int(port)))
    socks.append(s)
time.sleep(1)
t = time.perf_counter()
with urllib.request.urlopen(url + "/healthz", timeout=10) as r:
    assert r.status == 200
ms = (time.perf_counter() - t) * 1000
rss = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1]
print(f"{len(socks)} idle connections open: /healthz answered in {ms:.1f} ms, server RSS {rss} kB")
PY
echo "RSS before the idle connections: $before kB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
