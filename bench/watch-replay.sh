#!/usr/bin/env bash
# Watch replay benchmark: N existing events under one prefix, replayed from revision 1 by
#   gooetcd watch --prefix P --rev 1 -w json --max-events N > file
#   etcdctl watch --prefix P --rev 1 > file          (killed once its N-th event is written)
# for ROUNDS rounds each, alternating. Per tool it prints the medians of
#   last-event  wall time from launch until the N-th event is in the output file (polled every 5 ms)
#   cpu         user + system CPU seconds of the process (etcdctl: until it was killed)
#   rss         peak resident set size
# Starts its own etcd on free loopback ports; needs etcd, etcdctl, python3, GNU time, and
# target/gooetcd.jar (make build). N=20000 ROUNDS=5 by default. RAW=FILE also appends every
# round's numbers to FILE as `TOOL LAST_EVENT_S CPU_S RSS_KIB` lines (bench/run.sh reads them).
# Before timing it makes the launcher's class archive for `watch`, as a second run would find it.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20000}
ROUNDS=${ROUNDS:-5}
ETCD_BIN=${ETCD_BIN:-etcd}
ETCDCTL_BIN=${ETCDCTL_BIN:-etcdctl}
[ -f target/gooetcd.jar ] || { echo "Error: target/gooetcd.jar is missing: run 'make build'" >&2; exit 1; }

. bench/etcd.sh
work=$(mktemp -d /tmp/gooetcd-bench.XXXXXX)
ETCD_PID=
cleanup() { stop_all $ETCD_PID; rm -rf "$work"; }   # $ETCD_PID unquoted: none before etcd starts
trap cleanup EXIT
nofsync=()
"$ETCD_BIN" --help 2>&1 | grep -q -- '--unsafe-no-fsync' && nofsync=(--unsafe-no-fsync)
start_etcd "$work" "${nofsync[@]}"
endpoint=$ETCD_URL
export ETCDCTL_API=3

# the launcher's class archive for long-running commands (watch's flags), made now so that no
# round pays for a background archive maker or runs without it
GOOETCD_CDS=make bin/gooetcd watch >/dev/null || echo "(no class archive for watch)" >&2

prefix=/bench/replay/
echo "loading $N keys under $prefix (one revision each) into etcd $("$ETCD_BIN" --version | head -1 | awk '{print $3}') at $endpoint"
java -cp target/gooetcd.jar bench/PutKeys.java "$endpoint" "$prefix" "$N" 2>"$work/load.err" \
  || { cat "$work/load.err" >&2; exit 1; }

now() { date +%s.%N; }
# run NAME LINES CMD...: starts CMD with stdout to a file, waits until the file has LINES lines,
# then (if still running) kills it; appends "last-event cpu rss" to $work/NAME.
run() {
  local name=$1 lines=$2; shift 2
  local out="$work/$name.out" stats="$work/$name.time"
  : >"$out"
  local t0; t0=$(now)
  /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >"$out" 2>"$work/$name.err" &
  local tpid=$!
  while [ "$(wc -l <"$out")" -lt "$lines" ]; do
    if ! kill -0 "$tpid" 2>/dev/null; then
      echo "Error: $name ended before writing $lines lines:" >&2; cat "$work/$name.err" >&2; exit 1
    fi
    sleep 0.005
  done
  local t1; t1=$(now)
  local child; child=$(pgrep -P "$tpid" || true)
  [ -n "$child" ] && kill "$child" 2>/dev/null || true
  wait "$tpid" 2>/dev/null || true
  # GNU time writes "Command terminated by signal N" before the numbers when the command was killed
  read -r _e user sys rss < <(tail -1 "$stats")
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "$user + $sys" | bc -l) $rss" >>"$work/$name"
}

for r in $(seq "$ROUNDS"); do
  run gooetcd "$N" bin/gooetcd watch --endpoints "$endpoint" --prefix "$prefix" --rev 1 -w json --max-events "$N"
  run etcdctl $((N * 3)) "$ETCDCTL_BIN" --endpoints "$endpoint" watch --prefix "$prefix" --rev 1
  if [ -n "${RAW:-}" ]; then
    echo "gooetcd $(tail -1 "$work/gooetcd")" >>"$RAW"
    echo "etcdctl $(tail -1 "$work/etcdctl")" >>"$RAW"
  fi
  echo "round $r: gooetcd $(tail -1 "$work/gooetcd")   etcdctl $(tail -1 "$work/etcdctl")   (last-event s, cpu s, rss KiB)"
done

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
printf '\n%-8s %12s %8s %10s   (medians of %d rounds, %d events)\n' tool last-event cpu peak-rss "$ROUNDS" "$N"
for t in gooetcd etcdctl; do
  printf '%-8s %11ss %7ss %7d KiB\n' "$t" "$(cut -d' ' -f1 "$work/$t" | median)" "$(cut -d' ' -f2 "$work/$t" | median)" \
    "$(cut -d' ' -f3 "$work/$t" | median | cut -d. -f1)"
done
