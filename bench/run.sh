#!/usr/bin/env bash
# `make bench`: starts its own etcd on free loopback ports and measures gooetcd against
# etcdctl on it. Writes bench/results.md (machine, versions, date, numbers). Not a test.
#
# Figures so far:
#   - one-shot `get k` and `put k v` latency (hyperfine, alternating runs, medians) and peak RSS
# Needs: etcd, etcdctl, hyperfine (apt-get install hyperfine), python3, target/gooetcd.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ETCD_BIN=${ETCD_BIN:-etcd}
RUNS=${RUNS:-30}
command -v hyperfine >/dev/null || { echo "bench needs hyperfine: apt-get install hyperfine" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
client=$(free_port); peer=$(free_port)
work=$(mktemp -d /tmp/gooetcd-bench.XXXXXX)
"$ETCD_BIN" --name bench --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
  --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "bench=http://127.0.0.1:$peer" >"$work/etcd.log" 2>&1 &
etcd_pid=$!
trap 'kill $etcd_pid 2>/dev/null; wait $etcd_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$client/health" >/dev/null 2>&1 && break; sleep 0.1; done

ep="127.0.0.1:$client"
export ETCDCTL_API=3
etcdctl --endpoints "$ep" put k v >/dev/null
G="bin/gooetcd --endpoints $ep"
E="etcdctl --endpoints $ep"

median_ms() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join("%s %.1f %.1f" % (r["command"], r["median"]*1000, r["stddev"]*1000) for r in d["results"]))' "$1"; }
peak_rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

hyperfine -N -w 3 -r "$RUNS" --export-json "$work/get.json" -n "gooetcd get" "$G get k" -n "etcdctl get" "$E get k" >/dev/null
hyperfine -N -w 3 -r "$RUNS" --export-json "$work/put.json" -n "gooetcd put" "$G put k v" -n "etcdctl put" "$E put k v" >/dev/null

{
  echo "# Benchmarks"
  echo
  echo "Made by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)."
  echo "$(java -version 2>&1 | head -1); etcd $("$ETCD_BIN" --version | head -1 | awk '{print $3}'); $(etcdctl version | head -1)."
  echo
  echo "## One-shot commands ($RUNS runs each, hyperfine, alternating)"
  echo
  echo "| command | median ms | stddev ms | peak RSS KiB |"
  echo "|---|---|---|---|"
  while read -r tool verb median sd; do
    if [ "$tool" = gooetcd ]; then rss=$(peak_rss $G $verb k $( [ "$verb" = put ] && echo v )); else rss=$(peak_rss $E $verb k $( [ "$verb" = put ] && echo v )); fi
    echo "| $tool $verb k | $median | $sd | $rss |"
  done < <(median_ms "$work/get.json"; median_ms "$work/put.json")
} > bench/results.md
cat bench/results.md
