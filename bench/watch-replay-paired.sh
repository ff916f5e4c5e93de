#!/usr/bin/env bash
# Paired watch replay: NEW build vs MAIN build (each with its own launcher and class archive) vs etcdctl,
# JDK 17 and 25, in alternation, ROUNDS rounds, N events (as bench/watch-replay.sh, one etcd).
# usage: NEW=TREE MAIN=TREE [N=20000] [ROUNDS=5] bench/watch-replay-paired.sh   (a TREE has bin/gooetcd,
# target/gooetcd.jar and bench/PutKeys.java; each build gets its own class-archive cache)
set -euo pipefail
N=${N:-20000}; ROUNDS=${ROUNDS:-5}
NEW=${NEW:?}; MAIN=${MAIN:?}
J25=/usr/lib/jvm/temurin-25-jdk-amd64
. "$(dirname "$0")/etcd.sh"
work=$(mktemp -d /tmp/lw-replay.XXXXXX)
ETCD_PID=
cleanup() { stop_all $ETCD_PID; rm -rf "$work"; }   # $ETCD_PID unquoted: none before etcd starts
trap cleanup EXIT
start_etcd "$work" --unsafe-no-fsync
endpoint=$ETCD_URL
export ETCDCTL_API=3
prefix=/bench/replay/
java -cp "$NEW/target/gooetcd.jar" "$NEW/bench/PutKeys.java" "$endpoint" "$prefix" "$N" 2>"$work/load.err" || { cat "$work/load.err" >&2; exit 1; }
for t in new main; do
  dir=$NEW; [ $t = main ] && dir=$MAIN
  env XDG_CACHE_HOME=$work/cache-$t GOOETCD_CDS=make "$dir/bin/gooetcd" watch >/dev/null 2>&1 || true
  env JAVA_HOME=$J25 XDG_CACHE_HOME=$work/cache-$t GOOETCD_CDS=make "$dir/bin/gooetcd" watch >/dev/null 2>&1 || true
done
now() { date +%s.%N; }
run() {
  local name=$1 lines=$2; shift 2
  local out="$work/$name.out" stats="$work/$name.time"
  : >"$out"
  local t0; t0=$(now)
  /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >"$out" 2>"$work/$name.err" &
  local tpid=$!
  while [ "$(wc -l <"$out")" -lt "$lines" ]; do
    if ! kill -0 "$tpid" 2>/dev/null; then echo "Error: $name ended early:" >&2; cat "$work/$name.err" >&2; exit 1; fi
    sleep 0.005
  done
  local t1; t1=$(now)
  local child; child=$(pgrep -P "$tpid" || true)
  [ -n "$child" ] && kill "$child" 2>/dev/null || true
  wait "$tpid" 2>/dev/null || true
  read -r _e user sys rss < <(tail -1 "$stats")
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "$user + $sys" | bc -l) $rss" >>"$work/$name"
  [ -n "${KEEP:-}" ] && cp "$out" "$KEEP.$name" || true
}
for r in $(seq "$ROUNDS"); do
  for t in new17 main17 new25 main25 etcdctl; do
    case $t in
      new17) run $t "$N" env XDG_CACHE_HOME=$work/cache-new "$NEW/bin/gooetcd" watch --endpoints "$endpoint" --prefix "$prefix" --rev 1 -w json --max-events "$N" ;;
      main17) run $t "$N" env XDG_CACHE_HOME=$work/cache-main "$MAIN/bin/gooetcd" watch --endpoints "$endpoint" --prefix "$prefix" --rev 1 -w json --max-events "$N" ;;
      new25) run $t "$N" env JAVA_HOME=$J25 XDG_CACHE_HOME=$work/cache-new "$NEW/bin/gooetcd" watch --endpoints "$endpoint" --prefix "$prefix" --rev 1 -w json --max-events "$N" ;;
      main25) run $t "$N" env JAVA_HOME=$J25 XDG_CACHE_HOME=$work/cache-main "$MAIN/bin/gooetcd" watch --endpoints "$endpoint" --prefix "$prefix" --rev 1 -w json --max-events "$N" ;;
      etcdctl) run $t $((N * 3)) etcdctl --endpoints "$endpoint" watch --prefix "$prefix" --rev 1 ;;
    esac
  done
  echo "round $r: $(for t in new17 main17 new25 main25 etcdctl; do printf '%s[%s] ' $t "$(tail -1 $work/$t)"; done)"
done
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
printf '\n%-8s %10s %8s %10s   (medians of %d rounds, %d events)\n' tool last-event cpu peak-rss "$ROUNDS" "$N"
for t in new17 main17 new25 main25 etcdctl; do
  printf '%-8s %9ss %7ss %7d KiB\n' "$t" "$(cut -d' ' -f1 "$work/$t" | median)" "$(cut -d' ' -f2 "$work/$t" | median)" "$(cut -d' ' -f3 "$work/$t" | median | cut -d. -f1)"
  cut -d' ' -f2 "$work/$t" | median > "$work/$t.cpu"
done
ec=$(cat $work/etcdctl.cpu)
for j in 17 25; do
  n=$(cat $work/new$j.cpu); m=$(cat $work/main$j.cpu)
  echo "JDK $j: cpu new/etcdctl $(echo "$n / $ec" | bc -l | cut -c1-5)x, main/etcdctl $(echo "$m / $ec" | bc -l | cut -c1-5)x, main/new $(echo "$m / $n" | bc -l | cut -c1-5)x; goal (etcdctl*2+0.3) $(echo "$ec * 2 + 0.3" | bc -l | cut -c1-5)s"
done
