#!/usr/bin/env bash
# `make bench`: starts its own etcd on free loopback ports and measures gooetcd against
# etcdctl on it. Writes bench/results.md (machine, versions, date, numbers). Not a test.
#
# Figures:
#   - one-shot `get k` and `put k v` latency (hyperfine, medians) and peak RSS
#   - load of 100,000 keys (100-byte values) vs etcdctl txn with 128 puts per process
#   - dump and get --prefix of 1,000,000 keys (time, peak RSS) vs etcdctl get --prefix
#   - watch replay of 20,000 events vs etcdctl watch (bench/watch-replay.sh)
# ROUNDS (default 5) rounds of each bulk figure, gooetcd and etcdctl in turns; medians.
# Needs: etcd, etcdctl, hyperfine (apt-get install hyperfine), python3, target/gooetcd.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ETCD_BIN=${ETCD_BIN:-etcd}
RUNS=${RUNS:-30}
ROUNDS=${ROUNDS:-5}
BIG=${BIG:-1000000}
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

# --- bulk: load 100k ------------------------------------------------------------------------
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
with open(w + "/100k.ndjson", "w") as f:
    for i in range(100000):
        f.write(json.dumps({"key": "bench/load/%06d" % i, "value": "x" * 100}, separators=(",", ":")) + "\n")
with open(w + "/txn.sh", "w") as f:
    # etcdctl: one process per 128-op transaction (its maximum), the fastest way it can load
    for b in range(0, 100000, 128):
        f.write("etcdctl --endpoints $EP txn >/dev/null <<'T'\n\n")
        for i in range(b, min(b + 128, 100000)):
            f.write("put bench/ctl/%06d %s\n" % (i, "x" * 100))
        f.write("\n\nT\n")
PY
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { /usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -1; }
: >"$work/load.g"; : >"$work/load.e"
for r in $(seq "$ROUNDS"); do
  etcdctl --endpoints "$ep" del bench/ --prefix >/dev/null
  timed $G load "$work/100k.ndjson" >>"$work/load.g"
  [ "$r" -le 2 ] && EP=$ep timed bash "$work/txn.sh" >>"$work/load.e"
done
load_g=$(awk '{print $1}' "$work/load.g" | median); load_g_cpu=$(awk '{print $2+$3}' "$work/load.g" | median)
load_e=$(awk '{print $1}' "$work/load.e" | median)

# --- bulk: 1M keys, dump and get --prefix --------------------------------------------------------
etcdctl --endpoints "$ep" del bench/ --prefix >/dev/null
python3 - "$work" "$BIG" <<'PY'
import json, sys
w, n = sys.argv[1], int(sys.argv[2])
with open(w + "/big.ndjson", "w") as f:
    for i in range(n):
        f.write(json.dumps({"key": "bench/big/%07d" % i, "value": "v" * 100}, separators=(",", ":")) + "\n")
PY
$G load "$work/big.ndjson" >/dev/null
: >"$work/dump.g"; : >"$work/get.g"; : >"$work/get.e"
for r in $(seq "$ROUNDS"); do
  GOOETCD_JAVA_OPTS=-Xmx64m timed $G dump bench/big/ >>"$work/dump.g"
  GOOETCD_JAVA_OPTS=-Xmx64m timed $G get bench/big/ --prefix >>"$work/get.g"
  timed $E get bench/big/ --prefix >>"$work/get.e"
done
col() { awk -v c="$2" '{print $c}' "$1" | median; }

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
  echo
  echo "## Bulk ($ROUNDS rounds, medians; etcdctl's load: 2 rounds)"
  echo
  echo "| figure | gooetcd | etcdctl |"
  echo "|---|---|---|"
  echo "| load 100,000 keys (100 B values) | ${load_g} s ($(python3 -c "print(round(100000/$load_g))") keys/s, CPU ${load_g_cpu} s) | ${load_e} s as 782 etcdctl txn processes of 128 puts ($(python3 -c "print(round(100000/$load_e))") keys/s) |"
  echo "| dump $BIG keys, -Xmx64m | $(col "$work/dump.g" 1) s, peak RSS $(col "$work/dump.g" 4) KiB ($(python3 -c "print(round($BIG/$(col "$work/dump.g" 1)))") keys/s) | (no dump) |"
  echo "| get --prefix $BIG keys | $(col "$work/get.g" 1) s, peak RSS $(col "$work/get.g" 4) KiB (-Xmx64m) | $(col "$work/get.e" 1) s, peak RSS $(col "$work/get.e" 4) KiB |"
} > bench/results.md
cat bench/results.md

# --- watch replay of 20,000 events (its own script, its own etcd) ---------------------------------
{
  echo
  echo "## Watch replay of 20,000 events (\`bench/watch-replay.sh\`, $ROUNDS rounds, medians)"
  echo
  echo '```'
  ROUNDS=$ROUNDS bash bench/watch-replay.sh 2>&1 | sed -n '/^tool/,$p'
  echo '```'
} >> bench/results.md
cat bench/results.md
