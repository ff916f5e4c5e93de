#!/usr/bin/env bash
# Concurrent one-shot puts on a busy machine: for each build, N `gooetcd put` processes started at
# once against one local etcd while busy loops keep every core loaded; how many failed, how long
# the burst took, the load average. Builds take turns, ROUNDS rounds, each against a fresh etcd.
# usage: bench/busy-puts.sh TREE [TREE...]   (a TREE has bin/gooetcd and target/gooetcd.jar)
#   N (20) puts per burst, ROUNDS (2), BUSY_LOOPS (nproc) busy loops during each burst
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: bench/busy-puts.sh TREE [TREE...]" >&2; exit 128; }
N=${N:-20}; ROUNDS=${ROUNDS:-2}; LOOPS=${BUSY_LOOPS:-$(nproc)}
. "$(dirname "$0")/etcd.sh"
work=$(mktemp -d /tmp/busy-puts.XXXXXX)
etcd_pid=; loops=()
cleanup() {
  [ ${#loops[@]} -eq 0 ] || kill "${loops[@]}" 2>/dev/null
  [ -z "$etcd_pid" ] || { kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; }
  rm -rf "$work"
}
trap cleanup EXIT
burst() { # TREE LABEL
  local tree=$1 label=$2 i fail=0 t0 t1 pids=()
  rm -rf "$work/etcd"
  start_etcd "$work" || exit 1
  etcd_pid=$ETCD_PID
  loops=()
  for _ in $(seq "$LOOPS"); do ( end=$((SECONDS + 600)); while [ "$SECONDS" -lt "$end" ]; do :; done ) & loops+=($!); done
  t0=$(date +%s.%N)
  for i in $(seq "$N"); do
    "$tree/bin/gooetcd" --endpoints "$ETCD_ADDR" put "busy/k$i" "v$i" >/dev/null 2>"$work/put$i.err" &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || fail=$((fail + 1)); done
  t1=$(date +%s.%N)
  kill "${loops[@]}" 2>/dev/null; wait "${loops[@]}" 2>/dev/null; loops=()
  printf '%-12s failed %2d of %d in %5.1f s, load average %s\n' "$label" "$fail" "$N" \
    "$(echo "$t1 - $t0" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  [ "$fail" -eq 0 ] || sort "$work"/put*.err | uniq -c | sort -rn | head -2 | cut -c1-200
  kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; etcd_pid=
}
echo "# $N concurrent puts, $LOOPS busy loops, $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  for tree in "$@"; do burst "$tree" "${tree##*/}#$r"; done
done
